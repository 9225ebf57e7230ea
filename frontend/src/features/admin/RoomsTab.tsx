import { Alert, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { deleteRoom, type RoomPublic, updateRoom } from '../../api';
import { ReasonDialog, refusalText } from '../moderation';
import { useRooms } from '../rooms';

/** Every room the API lists (public, and private ones for admins): lock/unlock or delete. */
export function RoomsTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: rooms, isPending } = useRooms();
  const [deleting, setDeleting] = useState<RoomPublic | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['rooms'] });
  const lock = useMutation({
    mutationFn: (room: RoomPublic) => updateRoom(room.id, { locked: !room.locked }),
    onSuccess: refresh,
  });

  return (
    <Stack gap="sm">
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {rooms?.length === 0 ? <Text c="dimmed">{t('admin.rooms.empty')}</Text> : null}
      {lock.isError ? (
        <Alert color="red" role="alert">
          {refusalText(lock.error, t)}
        </Alert>
      ) : null}
      <Stack component="ul" gap="xs" className="plain-list">
        {rooms?.map((room) => (
          <Card key={room.id} withBorder padding="sm" component="li" data-testid="admin-room">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2} miw={0}>
                <Group gap={6} wrap="wrap">
                  <Text fw={600}>
                    <bdi>{room.name}</bdi>
                  </Text>
                  {room.is_private ? <Badge variant="light">{t('rooms.private')}</Badge> : null}
                  {room.locked ? <Badge color="orange">{t('rooms.locked')}</Badge> : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('rooms.members', { count: room.member_count ?? 0 })}
                </Text>
              </Stack>
              <Group gap="xs">
                <Button mih={44} size="sm" variant="subtle" component={Link} to={`/rooms/${room.id}`}>
                  {t('admin.rooms.open')}
                </Button>
                <Button
                  mih={44}
                  size="sm"
                  variant="default"
                  onClick={() => lock.mutate(room)}
                  loading={lock.isPending && lock.variables.id === room.id}
                >
                  {room.locked ? t('admin.rooms.unlock') : t('admin.rooms.lock')}
                </Button>
                <Button mih={44} size="sm" color="red" variant="light" onClick={() => setDeleting(room)}>
                  {t('admin.rooms.delete')}
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      <ReasonDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('moderation.room.deleteTitle', { room: deleting?.name ?? '' })}
        description={t('moderation.room.deleteBody')}
        confirmLabel={t('moderation.room.delete')}
        danger
        withReason={false}
        onConfirm={() => (deleting ? deleteRoom(deleting.id) : Promise.resolve())}
        onDone={refresh}
      />
    </Stack>
  );
}
