import { Group, Text } from '@mantine/core';
import { IconClockHour4, IconMicrophoneOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { SendLimit } from './sendLimits';

/** One line above the composer: why I cannot post, or slow mode's pace and countdown. */
export function SendLimitNotice({ limit }: { limit: SendLimit }) {
  const { t, i18n } = useTranslation();
  if (limit.kind === 'open') return null;
  if (limit.kind === 'muted') {
    const time = limit.until.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
    return (
      <Group gap={6} wrap="nowrap" role="status" data-testid="send-limit" className="send-limit">
        <IconMicrophoneOff size={16} aria-hidden />
        <Text size="sm" c="orange" fw={600}>
          {limit.indefinite ? t('moderation.composer.mutedIndefinitely') : t('moderation.composer.mutedUntil', { time })}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" role="status" data-testid="send-limit" className="send-limit">
      <IconClockHour4 size={16} aria-hidden />
      <Text size="sm" c="dimmed">
        {t('moderation.composer.slowMode', { seconds: limit.interval })}
        {limit.waitSeconds > 0 ? ` · ${t('moderation.composer.wait', { seconds: limit.waitSeconds })}` : ''}
      </Text>
    </Group>
  );
}
