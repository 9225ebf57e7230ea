import { Workbox } from 'workbox-window';

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
  register: () => Promise<unknown>;
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

export function registerServiceWorker(): void {
  if (channel || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Registered after the page's load event (workbox-window's default): precaching never
  // competes with the first screen for a slow connection.
  const worker = new Workbox('/sw.js', { scope: '/' });
  channel = createUpdateChannel(worker, () => window.location.reload());
  worker.register().catch(() => undefined); // no worker: the app works online as before
}

export function updateChannel(): UpdateChannel | null {
  return channel;
}
