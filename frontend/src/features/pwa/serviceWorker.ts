import { Workbox } from 'workbox-window';

import { whenNetworkQuiet } from './networkQuiet';

/**
 * The one registration of /sw.js, and whether a new version of it is waiting.
 *
 * A store (subscribe/getSnapshot) so React reads it with useSyncExternalStore; created once
 * per page by `registerServiceWorker` (main.tsx), never in development, where Vite serves
 * modules unbundled and there is no worker.
 */
export interface UpdateChannel {
  isWaiting: () => boolean;
  subscribe: (listener: () => void) => () => void;
  /** Lets the waiting worker take over, then reloads onto the new version. */
  update: () => void;
}

/** The seam the store needs from workbox-window (tests pass a fake). */
export interface WorkerHandle {
  addEventListener: (type: 'waiting' | 'controlling', listener: () => void) => void;
  messageSkipWaiting: () => void;
  register: (options: { immediate: boolean }) => Promise<unknown>;
}

export function createUpdateChannel(worker: WorkerHandle, reload: () => void): UpdateChannel {
  let waiting = false;
  let reloading = false;
  const listeners = new Set<() => void>();
  worker.addEventListener('waiting', () => {
    waiting = true;
    for (const listener of listeners) listener();
  });
  worker.addEventListener('controlling', () => {
    // Only the tab that asked reloads at once; other tabs stay on the old version until
    // they reload (their notice does it), rather than losing a draft mid-sentence.
    if (reloading) reload();
  });
  return {
    isWaiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update() {
      reloading = true;
      worker.messageSkipWaiting();
    },
  };
}

let channel: UpdateChannel | null = null;

// Long enough to span the gap between the session refresh and the room's reads, short
// enough that a visit of a few seconds still ends with the app installed for offline use.
const QUIET_MS = 1500;
const QUIET_LIMIT_MS = 15_000;

function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}

export function registerServiceWorker(): void {
  if (channel || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const worker = new Workbox('/sw.js', { scope: '/' });
  channel = createUpdateChannel(worker, () => window.location.reload());
  // The first visit's precache downloads every chunk: on a phone's connection it would
  // share the bandwidth with the first room's reads and lazy chunks, which start after the
  // load event. So the worker is registered only once the page's network has gone quiet.
  void pageLoaded()
    .then(() => whenNetworkQuiet(QUIET_MS, QUIET_LIMIT_MS))
    .then(() => worker.register({ immediate: true }))
    .catch(() => undefined); // no worker: the app works online as before
}

export function updateChannel(): UpdateChannel | null {
  return channel;
}
