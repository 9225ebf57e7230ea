import { NavLink } from '@mantine/core';
import { IconHash, IconLock } from '@tabler/icons-react';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { isMuted } from './notificationCache';
import { useRoomBadges } from './RoomBadges';

interface RoomLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One room in the sidebar, with its live unread badge. */
export function RoomLink({ room, onNavigate }: RoomLinkProps) {
  const muted = isMuted(room);
  const { loud, said, badges } = useRoomBadges(room.id, muted);
  const Icon = room.is_private ? IconLock : IconHash;
  return (
    <NavLink
      component={RouterLink}
      to={`/rooms/${room.id}`}
      onClick={onNavigate}
      className={muted ? 'room-link room-link--muted' : 'room-link'}
      label={<bdi>{room.name}</bdi>}
      fw={loud ? 700 : 400}
      leftSection={<Icon size={16} aria-hidden />}
      aria-label={[room.name, ...said].join(', ')}
      rightSection={badges}
    />
  );
}
