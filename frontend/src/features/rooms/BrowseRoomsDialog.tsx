import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { RoomPublic } from '../../api';
import { isMember, useRooms } from './queries';
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
          {room.name}
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

/** Every public room, with Join (or Open when I am already in). */
export function BrowseRoomsDialog({ opened, onClose, onNavigate }: BrowseRoomsDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: rooms, refetch } = useRooms();
  useEffect(() => {
    // Rooms others created since we loaded the list should show up when browsing.
    if (opened) void refetch();
  }, [opened, refetch]);
  const publicRooms = (rooms ?? []).filter((room) => !room.is_private);

  const open = (room: RoomPublic) => {
    onClose();
    onNavigate?.();
    void navigate(`/rooms/${room.id}`);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('rooms.browseTitle')} centered size="lg">
      {publicRooms.length === 0 ? (
        <Text c="dimmed">{t('rooms.browseEmpty')}</Text>
      ) : (
        <Stack component="ul" gap="md" className="plain-list">
          {publicRooms.map((room) => (
            <BrowseRow key={room.id} room={room} onOpen={open} />
          ))}
        </Stack>
      )}
    </Modal>
  );
}
