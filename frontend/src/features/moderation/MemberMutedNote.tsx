import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { MemberPublic } from '../../api';
import { sendLimit } from './sendLimits';

/** "Muted until 14:05" under a member's name, so moderators see who is muted before acting. */
export function MemberMutedNote({ member }: { member: MemberPublic }) {
  const { t, i18n } = useTranslation();
  // The time the drawer rendered is close enough: the list is refetched whenever it opens.
  const [now] = useState(Date.now);
  const limit = sendLimit({ mutedUntil: member.muted_until, slowModeSeconds: 0, exempt: true, lastSentAt: null, now });
  if (limit.kind !== 'muted') return null;
  const time = limit.until.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <Text size="xs" c="orange">
      {limit.indefinite ? t('moderation.member.mutedIndefinitely') : t('moderation.member.mutedUntil', { time })}
    </Text>
  );
}
