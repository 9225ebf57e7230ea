import { Alert, Menu, Modal, Stack, Switch, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { setPrefs } from './prefs';
import { useDesktopNotifications } from './useDesktopNotifications';

/** This device's notification switches: desktop notifications (the browser's permission) and a sound. */
export function NotificationPreferences({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { permission, prefs, active, turnOn, turnOff } = useDesktopNotifications();
  return (
    <Modal opened={opened} onClose={onClose} title={t('notifications.prefs.title')} centered>
      <Stack gap="md">
        <Switch
          size="md"
          label={t('notifications.prefs.desktop')}
          description={t('notifications.prefs.desktopHint')}
          checked={active}
          disabled={permission === 'denied'}
          onChange={(event) => void (event.currentTarget.checked ? turnOn() : turnOff())}
        />
        {permission === 'denied' ? (
          <Alert color="orange" role="status">
            {t('notifications.prefs.denied')}
          </Alert>
        ) : null}
        <Switch
          size="md"
          label={t('notifications.prefs.sound')}
          description={t('notifications.prefs.soundHint')}
          checked={prefs.sound}
          disabled={!active}
          onChange={(event) => setPrefs({ sound: event.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed">
          {t('notifications.prefs.perRoom')}
        </Text>
      </Stack>
    </Modal>
  );
}

/**
 * The user menu's entry for the preferences (the dialog sits outside the menu, which
 * unmounts as it closes); absent where the browser has no Notification API.
 */
export function NotificationMenuItem({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { permission } = useDesktopNotifications();
  if (permission === 'unsupported') return null;
  return (
    <Menu.Item leftSection={<IconBell size={16} aria-hidden />} onClick={onOpen}>
      {t('notifications.prefs.menuItem')}
    </Menu.Item>
  );
}
