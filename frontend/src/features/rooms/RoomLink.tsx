import { Badge, Group, NavLink } from '@mantine/core';
import { IconHash, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { useUnreadCount } from '../../realtime';

interface RoomLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One room in the sidebar, with its live unread badge. */
export function RoomLink({ room, onNavigate }: RoomLinkProps) {
  const { t } = useTranslation();
  const unread = useUnreadCount(room.id);
  const Icon = room.is_private ? IconLock : IconHash;
  return (
    <NavLink
      component={RouterLink}
      to={`/rooms/${room.id}`}
      onClick={onNavigate}
      className="room-link"
      label={<bdi>{room.name}</bdi>}
      fw={unread > 0 ? 700 : 400}
      leftSection={<Icon size={16} aria-hidden />}
      aria-label={unread > 0 ? `${room.name}, ${t('rooms.unread', { count: unread })}` : room.name}
      rightSection={
        unread > 0 ? (
          <Group gap={4} wrap="nowrap">
            <Badge size="sm" variant="filled" circle={unread < 10} aria-hidden>
              {unread > 99 ? '99+' : unread}
            </Badge>
          </Group>
        ) : null
      }
    />
  );
}
