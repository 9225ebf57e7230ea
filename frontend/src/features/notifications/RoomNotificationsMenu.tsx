import { ActionIcon, Alert, Menu, Text } from '@mantine/core';
import { IconBell, IconBellOff, IconCheck, IconVolume, IconVolumeOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { type NotificationUpdate, type NotifyLevel, type RoomPublic, setRoomNotifications } from '../../api';
import { applyNotifications, can } from '../rooms';
import { defaultLevel, levelUpdate, settingsOf } from './settings';

const LEVELS: readonly NotifyLevel[] = ['all', 'mentions', 'nothing'];

/**
 * The chat header's bell: what of this room (or DM) notifies me, and mute. Every member
 * may set it; the answer (and the `notifications` frame, in my other tabs) updates the
 * room caches.
 */
export function RoomNotificationsMenu({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (update: NotificationUpdate) => setRoomNotifications(room.id, update),
    onSuccess: (settings) => applyNotifications(queryClient, room.id, settings),
  });
  if (!can(room, 'set_notifications')) return null;
  const settings = settingsOf(room);
  const fallback = defaultLevel(room);
  const quiet = settings.muted || settings.level === 'nothing';
  const label = settings.muted ? `${t('notifications.menu')} (${t('notifications.muted')})` : t('notifications.menu');
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={250}>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size={44} aria-label={label} data-testid="room-notifications">
            {quiet ? <IconBellOff size={20} aria-hidden /> : <IconBell size={20} aria-hidden />}
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('notifications.notifyMe')}</Menu.Label>
          {LEVELS.map((level) => {
            const chosen = settings.level === level;
            return (
              <Menu.Item
                key={level}
                leftSection={chosen ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />}
                // Said in words too (Mantine's items are plain menuitems, so no aria-checked).
                rightSection={
                  chosen || level === fallback ? (
                    <Text size="xs" c="dimmed">
                      {[level === fallback ? t('notifications.default') : null, chosen ? t('notifications.current') : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  ) : null
                }
                onClick={() => change.mutate(levelUpdate(room, level, settings.muted))}
              >
                {t(`notifications.level.${level}`)}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item
            leftSection={settings.muted ? <IconVolume size={16} aria-hidden /> : <IconVolumeOff size={16} aria-hidden />}
            onClick={() =>
              change.mutate({ level: settings.is_default ? null : settings.level, muted: !settings.muted })
            }
          >
            {settings.muted ? t('notifications.unmute') : t('notifications.mute')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {change.isError ? (
        <Alert color="red" p={4} role="alert" withCloseButton onClose={() => change.reset()}>
          {t('notifications.failed')}
        </Alert>
      ) : null}
    </>
  );
}
