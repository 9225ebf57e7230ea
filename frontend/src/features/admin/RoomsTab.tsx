import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { deleteRoom, type RoomPublic, updateRoom } from '../../api';
import { ReasonDialog, refusalText } from '../moderation';
import { directoryPrefix, useRoomDirectory } from '../rooms';

/** Every room the API lists (public, and private ones for admins): lock/unlock or delete. */
export function RoomsTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const directory = useRoomDirectory(q);
  const { rooms, isPending } = directory;
  const [deleting, setDeleting] = useState<RoomPublic | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: directoryPrefix });
    void queryClient.invalidateQueries({ queryKey: ['rooms'], exact: true });
  };
  const lock = useMutation({
    mutationFn: (room: RoomPublic) => updateRoom(room.id, { locked: !room.locked }),
    onSuccess: refresh,
  });

  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label={t('rooms.browseSearch')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={64}
        size="md"
      />
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {rooms?.length === 0 ? <Text c="dimmed">{q ? t('rooms.browseNoMatch', { search: q }) : t('admin.rooms.empty')}</Text> : null}
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
      {directory.hasNextPage ? (
        <Button
          mih={44}
          variant="default"
          onClick={() => void directory.fetchNextPage()}
          loading={directory.isFetchingNextPage}
        >
          {t('rooms.browseMore')}
        </Button>
      ) : null}
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
