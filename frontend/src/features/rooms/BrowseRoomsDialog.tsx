import { Button, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { RoomPublic } from '../../api';
import { isMember, useRoomDirectory } from './queries';
import { useJoinRoom } from './useJoinRoom';

interface BrowseRoomsDialogProps {
  opened: boolean;
  onClose: () => void;
  onNavigate?: () => void;
}

function BrowseRow({ room, onOpen }: { room: RoomPublic; onOpen: (room: RoomPublic) => void }) {
  const { t } = useTranslation();
  const join = useJoinRoom();
  const member = isMember(room);
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm" className="browse-row">
      <Stack gap={0} miw={0}>
        <Text fw={600} truncate="end">
          <bdi>{room.name}</bdi>
        </Text>
        {room.topic ? (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {room.topic}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('rooms.members', { count: room.member_count ?? 0 })}
        </Text>
        {join.isError ? (
          <Text size="xs" c="red" role="alert">
            {t('rooms.errors.joinFailed')}
          </Text>
        ) : null}
      </Stack>
      {member ? (
        <Button variant="default" onClick={() => onOpen(room)} aria-label={`${t('rooms.open')}: ${room.name}`}>
          {t('rooms.open')}
        </Button>
      ) : (
        <Button
          loading={join.isPending}
          aria-label={t('rooms.joinRoom', { room: room.name })}
          onClick={() => join.mutate(room.id, { onSuccess: () => onOpen(room) })}
        >
          {t('rooms.join')}
        </Button>
      )}
    </Group>
  );
}

/** Public rooms by name, a page at a time, with Join (or Open when I am already in). */
export function BrowseRoomsDialog({ opened, onClose, onNavigate }: BrowseRoomsDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const directory = useRoomDirectory(q, { enabled: opened });
  const { refetch } = directory;
  useEffect(() => {
    // Rooms others created since we loaded the list should show up when browsing.
    if (opened) void refetch();
  }, [opened, refetch]);
  const publicRooms = (directory.rooms ?? []).filter((room) => !room.is_private);

  const open = (room: RoomPublic) => {
    onClose();
    onNavigate?.();
    void navigate(`/rooms/${room.id}`);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('rooms.browseTitle')} centered size="lg">
      <Stack gap="md">
        <TextInput
          type="search"
          label={t('rooms.browseSearch')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={64}
          size="md"
          data-autofocus
        />
        {directory.isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
        {directory.isError ? (
          <Text c="red" role="alert">
            {t('rooms.errors.loadFailed')}
          </Text>
        ) : null}
        {directory.isSuccess && publicRooms.length === 0 && !directory.hasNextPage ? (
          <Text c="dimmed">{q ? t('rooms.browseNoMatch', { search: q }) : t('rooms.browseEmpty')}</Text>
        ) : null}
        {publicRooms.length > 0 ? (
          <Stack component="ul" gap="md" className="plain-list">
            {publicRooms.map((room) => (
              <BrowseRow key={room.id} room={room} onOpen={open} />
            ))}
          </Stack>
        ) : null}
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
      </Stack>
    </Modal>
  );
}
