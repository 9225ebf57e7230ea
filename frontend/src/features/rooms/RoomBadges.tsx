import { Badge, Group } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { useMentionCount, useUnreadCount } from '../../realtime';

/**
 * A room's live unread and mention counts: the badges, and the words for its label.
 * A muted room still counts, but quietly: a grey count beside a bell-off, never bold.
 */
export function useRoomBadges(roomId: number, muted = false) {
  const { t } = useTranslation();
  const unread = useUnreadCount(roomId);
  const mentioned = useMentionCount(roomId);
  const said = [
    muted ? t('notifications.muted') : null,
    unread > 0 ? t('rooms.unread', { count: unread }) : null,
    mentioned > 0 ? t('mentions.count', { count: mentioned }) : null,
  ].filter((text): text is string => text !== null);
  const badges =
    unread > 0 || mentioned > 0 || muted ? (
      <Group gap={4} wrap="nowrap">
        {muted ? <IconBellOff size={14} aria-hidden data-testid="muted-icon" className="room-link__muted" /> : null}
        {mentioned > 0 ? (
          <Badge size="sm" variant={muted ? 'light' : 'filled'} color={muted ? 'gray' : 'red'} aria-hidden data-testid="mention-badge">
            @{mentioned > 99 ? '99+' : mentioned}
          </Badge>
        ) : null}
        {unread > 0 ? (
          <Badge size="sm" variant={muted ? 'light' : 'filled'} color={muted ? 'gray' : undefined} circle={unread < 10} aria-hidden>
            {unread > 99 ? '99+' : unread}
          </Badge>
        ) : null}
      </Group>
    ) : null;
  // What the name's weight says: news worth a look (a muted room's is not called out).
  const loud = unread > 0 && !muted;
  return { unread, loud, said, badges };
}
