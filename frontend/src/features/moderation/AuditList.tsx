import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { AuditPublic } from '../../api';
import { auditActionLabel } from './auditActions';

interface AuditListProps {
  entries: readonly AuditPublic[];
  /** Offered on room bans: the banned are no longer in the members list, so this is where they are found. */
  onUnban?: (entry: AuditPublic) => void;
}

/** The audit entries as stacked cards: readable at 390 px without a wide table. */
export function AuditList({ entries, onUnban }: AuditListProps) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text c="dimmed">{t('moderation.audit.empty')}</Text>;
  return (
    <Stack component="ul" gap="xs" className="plain-list" aria-label={t('moderation.audit.title')}>
      {entries.map((entry) => (
        <Card key={entry.id} withBorder padding="xs" component="li" data-testid="audit-entry">
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" tt="none">
                {auditActionLabel(entry.action, t)}
              </Badge>
              <Text size="sm" fw={600}>
                {entry.actor ? <bdi>{entry.actor}</bdi> : t('moderation.audit.system')}
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
          {onUnban && entry.action === 'ban' && entry.target_user_id !== null ? (
            <Button mt={4} mih={44} size="sm" variant="default" onClick={() => onUnban(entry)}>
              {t('moderation.audit.unban')}
            </Button>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
