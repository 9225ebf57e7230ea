import { Button, Group, Paper, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

import { type UpdateChannel, updateChannel } from './serviceWorker';

const never = () => () => undefined;

/** "A new version of Parley is available — Reload", while a new service worker waits. */
export function UpdateNotice({ channel = updateChannel() }: { channel?: UpdateChannel | null }) {
  const { t } = useTranslation();
  const waiting = useSyncExternalStore(channel?.subscribe ?? never, () => channel?.isWaiting() ?? false);
  if (!channel || !waiting) return null;
  return (
    <Paper className="update-notice" role="status" shadow="md" radius="md" p="sm" withBorder>
      <Group gap="sm" wrap="nowrap" justify="space-between">
        <Text size="sm">{t('update.available')}</Text>
        <Button size="compact-sm" onClick={() => channel.update()}>
          {t('update.reload')}
        </Button>
      </Group>
    </Paper>
  );
}
