import { Badge, Group, NavLink } from '@mantine/core';
import { IconHash, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { useMentionCount, useUnreadCount } from '../../realtime';

interface RoomLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One room in the sidebar, with its live unread badge. */
export function RoomLink({ room, onNavigate }: RoomLinkProps) {
  const { t } = useTranslation();
  const unread = useUnreadCount(room.id);
  const mentioned = useMentionCount(room.id);
  const said = [
    unread > 0 ? t('rooms.unread', { count: unread }) : null,
    mentioned > 0 ? t('mentions.count', { count: mentioned }) : null,
  ].filter(Boolean);
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
      rightSection={
        unread > 0 || mentioned > 0 ? (
          <Group gap={4} wrap="nowrap">
            {mentioned > 0 ? (
              <Badge size="sm" variant="filled" color="red" aria-hidden data-testid="mention-badge">
                @{mentioned > 99 ? '99+' : mentioned}
              </Badge>
            ) : null}
            {unread > 0 ? (
              <Badge size="sm" variant="filled" circle={unread < 10} aria-hidden>
                {unread > 99 ? '99+' : unread}
              </Badge>
            ) : null}
          </Group>
        ) : null
      }
    />
  );
}
