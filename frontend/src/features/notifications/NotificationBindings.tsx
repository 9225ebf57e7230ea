import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { resyncPush } from '../../api';
import { FaviconBadge } from './FaviconBadge';
import { getPermission } from './permission';
import { getPrefs } from './prefs';
import { isActive } from './useDesktopNotifications';
import { useMessageNotifications } from './useMessageNotifications';

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

/** Page notifications, the favicon's badge, and this device's push subscription kept known to the server. */
export function NotificationBindings() {
  useMessageNotifications();
  useWorkerNavigation();
  useEffect(() => {
    if (isActive(getPermission(), getPrefs())) resyncPush().catch(() => undefined);
  }, []);
  return <FaviconBadge />;
}
