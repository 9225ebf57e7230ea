import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { enablePush } from '../../api';

import { FaviconBadge } from './FaviconBadge';
import { getPermission } from './permission';
import { getPrefs } from './prefs';
import { isActive } from './useDesktopNotifications';
import { useMessageNotifications } from './useMessageNotifications';
import { loadClientConfig } from '../../components/useClientConfig';

/** What the service worker posts when a push notification is clicked (src/sw.ts). */
interface OpenMessage {
  type: 'open';
  url: string;
}

function isOpenMessage(data: unknown): data is OpenMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, url } = data as Partial<Record<keyof OpenMessage, unknown>>;
  return type === 'open' && typeof url === 'string';
}

/** A click on a push notification opens its message in this tab, without reloading the app. */
function useWorkerNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return undefined;
    const onMessage = (event: MessageEvent) => {
      if (isOpenMessage(event.data) && event.data.url.startsWith('/')) void navigate(event.data.url);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [navigate]);
}

/**
 * At start-up, where notifications are on: the subscription is posted again (a server
 * that dropped it after its push service said 410 learns it back), or made anew when
 * there is none (signed out and in again: sign-out unsubscribes this device).
 */
function usePushAtStart(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isActive(getPermission(), getPrefs())) return;
    void loadClientConfig(queryClient)
      .then((config) => (config?.push_public_key ? enablePush(config.push_public_key) : undefined))
      .catch(() => undefined);
  }, [queryClient]);
}

/** Page notifications, the favicon's badge, and this device's push subscription kept known to the server. */
export function NotificationBindings() {
  useMessageNotifications();
  useWorkerNavigation();
  usePushAtStart();
  return <FaviconBadge />;
}
