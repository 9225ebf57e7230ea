import { Alert, Stack, Text } from '@mantine/core';
import { IconBan, IconDoorExit, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { MyStanding } from '../../realtime';
import { untilText } from './durations';

/**
 * Said in place of the composer once a moderator removed me: a ban is final until lifted,
 * a kick leaves public rooms open to rejoin (the caller shows the join bar below). Revoked:
 * the server stopped showing me the room (it went private, or I am no longer an admin).
 */
export function RoomStandingNotice({ standing }: { standing: MyStanding }) {
  const { t, i18n } = useTranslation();
  if (standing.removed === null) return null;
  const banned = standing.removed === 'banned';
  const Icon = banned ? IconBan : standing.removed === 'revoked' ? IconLock : IconDoorExit;
  return (
    <Alert
      className="room-standing"
      color={banned ? 'red' : 'orange'}
      icon={<Icon size={20} aria-hidden />}
      role="alert"
      data-testid="room-standing"
      title={t(`moderation.standing.${standing.removed}`)}
    >
      <Stack gap={2}>
        {standing.reason ? <Text size="sm">{t('moderation.standing.reason', { reason: standing.reason })}</Text> : null}
        {banned && standing.bannedUntil ? (
          <Text size="sm">{t('moderation.standing.bannedUntil', { time: untilText(standing.bannedUntil, i18n.language) })}</Text>
        ) : null}
        {standing.removed === 'kicked' ? <Text size="sm">{t('moderation.standing.rejoin')}</Text> : null}
      </Stack>
    </Alert>
  );
}
