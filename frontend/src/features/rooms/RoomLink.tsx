import { NavLink } from '@mantine/core';
import { IconHash, IconLock } from '@tabler/icons-react';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { useRoomBadges } from './RoomBadges';

interface RoomLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One room in the sidebar, with its live unread badge. */
export function RoomLink({ room, onNavigate }: RoomLinkProps) {
  const { unread, said, badges } = useRoomBadges(room.id);
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
      aria-label={[room.name, ...said].join(', ')}
      rightSection={badges}
    />
  );
}
