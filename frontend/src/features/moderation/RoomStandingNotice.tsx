import { Alert, Stack, Text } from '@mantine/core';
import { IconBan, IconDoorExit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { MyStanding } from '../../realtime';

/**
 * Said in place of the composer once a moderator removed me: a ban is final until lifted,
 * a kick leaves public rooms open to rejoin (the caller shows the join bar below).
 */
export function RoomStandingNotice({ standing }: { standing: MyStanding }) {
  const { t } = useTranslation();
  if (standing.removed === null) return null;
  const banned = standing.removed === 'banned';
  return (
    <Alert
      className="room-standing"
      color={banned ? 'red' : 'orange'}
      icon={banned ? <IconBan size={20} aria-hidden /> : <IconDoorExit size={20} aria-hidden />}
      role="alert"
      data-testid="room-standing"
      title={banned ? t('moderation.standing.banned') : t('moderation.standing.kicked')}
    >
      <Stack gap={2}>
        {standing.reason ? <Text size="sm">{t('moderation.standing.reason', { reason: standing.reason })}</Text> : null}
        {!banned ? <Text size="sm">{t('moderation.standing.rejoin')}</Text> : null}
      </Stack>
    </Alert>
  );
}
