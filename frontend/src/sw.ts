/// <reference lib="webworker" />
/**
 * Parley's service worker: the app opens without a network.
 *
 * - The build's files (index.html and the hashed assets) are precached, so a reload
 *   offline shows the app, and client routes get index.html (never /api, /ws, /metrics).
 * - API reads the first screens need go network-first into one cache, so offline the app
 *   shows the rooms and messages last seen; the page empties that cache on every sign-out
 *   and sign-in (api/offlineCache.ts). Only GETs and only 200s are kept: no auth POST or
 *   refusal is ever stored.
 * - A new version waits until the page asks it to take over (the "new version" notice).
 * - Web Push (swPush.ts): the server pushes a mention or DM only while none of the user's
 *   tabs is connected; it shows unless a focused window is on that room already. A click
 *   takes an open window there (the page navigates itself: no reload), or opens one.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

import { API_CACHE, isOfflineReadable } from './api/offlineCache';
import { clickUrl, parsePush, pickWindow, pushNotice, roomInView } from './swPush';

declare const self: ServiceWorkerGlobalScope;

export type WorkerMessage = { type: 'SKIP_WAITING' };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/ws/, /^\/metrics/],
  }),
);

registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isOfflineReadable(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    // Answers are gzipped (Vary: Accept-Encoding); the offline match must not care.
    matchOptions: { ignoreVary: true },
    plugins: [
      { cacheWillUpdate: ({ response }) => Promise.resolve(response.status === 200 ? response : null) },
      // Each room's newest page, a few older ones, the lists: bounded so it never grows.
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 }),
    ],
  }),
  'GET',
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as WorkerMessage | undefined;
  if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('push', (event: PushEvent) => {
  let data: unknown = null;
  try {
    data = event.data?.json();
  } catch {
    return;
  }
  const payload = parsePush(data);
  if (!payload) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (roomInView(windows, payload.room)) return;
      const { title, options } = pushNotice(payload);
      await self.registration.showNotification(title, options);
    })(),
  );
});

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const url = clickUrl(event.notification.data);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const target = pickWindow(windows);
      if (!target) {
        await self.clients.openWindow(url);
        return;
      }
      await target.focus();
      // The page routes it (features/notifications NotificationBindings): no reload.
      target.postMessage({ type: 'open', url });
    })(),
  );
});

// The first install controls the open page at once, so its API reads are kept from then
// on; an update only activates through SKIP_WAITING above, then takes the pages over.
clientsClaim();
