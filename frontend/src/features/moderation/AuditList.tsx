import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { AuditPublic } from '../../api';

/** The audit entries as stacked cards: readable at 390 px without a wide table. */
export function AuditList({ entries }: { entries: readonly AuditPublic[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text c="dimmed">{t('moderation.audit.empty')}</Text>;
  return (
    <Stack component="ul" gap="xs" className="plain-list" aria-label={t('moderation.audit.title')}>
      {entries.map((entry) => (
        <Card key={entry.id} withBorder padding="xs" component="li" data-testid="audit-entry">
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Badge variant="light">{entry.action}</Badge>
              <Text size="sm" fw={600}>
                {entry.actor ?? t('moderation.audit.system')}
              </Text>
              {entry.target_user_id !== null ? (
                <Text size="sm" c="dimmed">
                  → {t('moderation.audit.user', { id: entry.target_user_id })}
                </Text>
              ) : null}
              {entry.room_id !== null ? (
                <Text size="sm" c="dimmed">
                  {t('moderation.audit.room', { id: entry.room_id })}
                </Text>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" component="time" dateTime={entry.created_at}>
              {new Date(entry.created_at).toLocaleString(i18n.language)}
            </Text>
          </Group>
          {entry.reason ? (
            <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {entry.reason}
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
