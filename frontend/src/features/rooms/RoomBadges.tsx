import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useMentionCount, useUnreadCount } from '../../realtime';

/** A room's live unread and mention counts: the badges, and the words for its label. */
export function useRoomBadges(roomId: number) {
  const { t } = useTranslation();
  const unread = useUnreadCount(roomId);
  const mentioned = useMentionCount(roomId);
  const said = [
    unread > 0 ? t('rooms.unread', { count: unread }) : null,
    mentioned > 0 ? t('mentions.count', { count: mentioned }) : null,
  ].filter((text): text is string => text !== null);
  const badges =
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
    ) : null;
  return { unread, said, badges };
}
