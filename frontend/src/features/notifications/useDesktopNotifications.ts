import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';

import { disablePush, enablePush } from '../../api';

import { getPermission, type Permission, requestPermission, subscribePermission } from './permission';
import { getPrefs, type NotifyPrefs, setPrefs, subscribePrefs } from './prefs';
import { loadClientConfig } from '../../components/useClientConfig';

/** Notifications show when the browser allows them and the person has not turned them off here. */
export function isActive(permission: Permission, prefs: Pick<NotifyPrefs, 'enabled'>): boolean {
  return permission === 'granted' && prefs.enabled !== false;
}

export function useNotifyPrefs(): NotifyPrefs {
  return useSyncExternalStore(subscribePrefs, getPrefs);
}

export function usePermission(): Permission {
  return useSyncExternalStore(subscribePermission, getPermission);
}

/**
 * The one switch for desktop notifications on this device: turning it on asks the
 * browser (only from the click that calls it) and subscribes to Web Push where the
 * server offers it; off unsubscribes.
 */
export function useDesktopNotifications() {
  const queryClient = useQueryClient();
  const permission = usePermission();
  const prefs = useNotifyPrefs();

  const turnOn = useCallback(async (): Promise<Permission> => {
    const answer = getPermission() === 'default' ? await requestPermission() : getPermission();
    // Answered either way: the notice does not ask again.
    setPrefs({ promptDismissed: true, ...(answer === 'granted' ? { enabled: true } : {}) });
    if (answer === 'granted') {
      const key = (await loadClientConfig(queryClient))?.push_public_key;
      // No push service reachable (or none configured): the page's own notifications still work.
      if (key) await enablePush(key).catch(() => undefined);
    }
    return answer;
  }, [queryClient]);

  const turnOff = useCallback(async () => {
    setPrefs({ enabled: false });
    await disablePush().catch(() => undefined);
  }, []);

  return { permission, prefs, active: isActive(permission, prefs), turnOn, turnOff };
}
