import { Group, NavLink } from '@mantine/core';
import { IconHash, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';

import { isMuted } from './notificationCache';
import { OpenReportsBadge } from './OpenReportsBadge';
import { useRoomBadges } from './RoomBadges';

interface RoomLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One room in the sidebar, with its live unread badge (and open reports, for its moderators). */
export function RoomLink({ room, onNavigate }: RoomLinkProps) {
  const { t } = useTranslation();
  const muted = isMuted(room);
  const { loud, said, badges } = useRoomBadges(room.id, muted);
  const reports = room.open_reports ?? 0;
  const named = reports > 0 ? [...said, t('rooms.openReports', { count: reports })] : said;
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
      aria-label={[room.name, ...named].join(', ')}
      rightSection={
        reports > 0 ? (
          <Group gap={4} wrap="nowrap">
            <OpenReportsBadge count={reports} hidden />
            {badges}
          </Group>
        ) : (
          badges
        )
      }
    />
  );
}
