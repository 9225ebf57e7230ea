import { Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';

import { useRealtime } from '../../realtime';
import { isDirect, useMyRooms } from '../rooms';
import { setPrefs } from './prefs';
import { useDesktopNotifications } from './useDesktopNotifications';

/** Notes the moments that make asking meaningful: a first message sent, a DM opened. */
function useMarkPromptDue(due: boolean): void {
  const client = useRealtime();
  const match = useMatch('/rooms/:roomId');
  const openRoom = match ? Number(match.params.roomId) : null;
  const inDirect = useMyRooms()?.some((room) => room.id === openRoom && isDirect(room)) ?? false;
  useEffect(() => {
    if (due) return undefined;
    if (inDirect) {
      setPrefs({ promptDue: true });
      return undefined;
    }
    return client.onServerFrame((frame) => {
      if (frame.type === 'ack') setPrefs({ promptDue: true });
    });
  }, [client, due, inDirect]);
}

/**
 * "Get notified of mentions and direct messages — Turn on": the browser's question is
 * asked only from this button (or the preferences switch), never on page load, and the
 * notice shows only once there is a reason for it, until answered or dismissed.
 */
export function NotificationPrompt() {
  const { t } = useTranslation();
  const { permission, prefs, turnOn } = useDesktopNotifications();
  useMarkPromptDue(prefs.promptDue);
  const open = permission === 'default' && prefs.enabled === null && prefs.promptDue && !prefs.promptDismissed;
  if (!open) return null;
  return (
    <Paper className="notify-prompt" withBorder radius="md" p="xs" role="region" aria-label={t('notifications.prompt.label')}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <IconBell size={18} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm">{t('notifications.prompt.text')}</Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-md" onClick={() => void turnOn()}>
            {t('notifications.prompt.turnOn')}
          </Button>
          <CloseButton size={40} aria-label={t('notifications.prompt.dismiss')} onClick={() => setPrefs({ promptDismissed: true })} />
        </Group>
      </Group>
    </Paper>
  );
}
