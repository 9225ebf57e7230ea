import { TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

import { ROOM_NAME_MAX, ROOM_TOPIC_MAX } from './roomFields';

/** A room's name and topic inputs, the same in every room form (create, edit). */
export function RoomNameTopicFields({ name, topic }: { name: GetInputPropsReturnType; topic: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('rooms.fields.name')}
        description={t('rooms.fields.nameHint')}
        required
        maxLength={ROOM_NAME_MAX}
        data-autofocus
        {...name}
      />
      <TextInput label={t('rooms.fields.topic')} description={t('rooms.fields.topicHint')} maxLength={ROOM_TOPIC_MAX} {...topic} />
    </>
  );
}
