import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useJoinRoom } from '../rooms';

/** Shown instead of the composer while previewing a public room I am not in. */
export function JoinBar({ roomId, roomName }: { roomId: number; roomName: string }) {
  const { t } = useTranslation();
  const join = useJoinRoom();
  return (
    <Group className="composer" justify="space-between" wrap="nowrap">
      <Text c="dimmed" size="sm">
        {join.isError ? t('rooms.errors.joinFailed') : t('chat.join.hint', { room: roomName })}
      </Text>
      <Button loading={join.isPending} onClick={() => join.mutate(roomId)}>
        {t('chat.join.button')}
      </Button>
    </Group>
  );
}
