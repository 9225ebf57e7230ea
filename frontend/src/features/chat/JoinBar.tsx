import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useRealtime } from '../../realtime';
import { useJoinRoom } from '../rooms';

/** Shown instead of the composer while previewing a public room I am not in. */
export function JoinBar({ roomId, roomName }: { roomId: number; roomName: string }) {
  const { t } = useTranslation();
  const join = useJoinRoom();
  const client = useRealtime();
  return (
    <Group className="composer" justify="space-between" wrap="nowrap">
      <Text c="dimmed" size="sm">
        {join.isError ? t('rooms.errors.joinFailed') : t('chat.join.hint', { room: roomName })}
      </Text>
      <Button loading={join.isPending} onClick={() =>
          join.mutate(roomId, {
            // Back in after a kick: clear the "you were removed" notice.
            onSuccess: () => client.store.dispatch(roomId, { type: 'standing', action: 'joined' }),
          })
        }>
        {t('chat.join.button')}
      </Button>
    </Group>
  );
}
