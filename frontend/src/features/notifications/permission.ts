/**
 * The browser's side of desktop notifications: whether it has the Notification API at
 * all, and what it allows. A store: the answer changes after asking, and when the user
 * changes it in the browser's site settings (seen on the next focus).
 */
export type Permission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();

// Chromium answers Notification.permission with a synchronous call to the browser
// process, and useSyncExternalStore reads the snapshot on every render: a phone opening a
// room spent ~90 ms (4x CPU) on it. So while someone subscribes, the answer is kept until
// a focus (when site settings may have changed) or a request says otherwise.
let known: Permission | undefined;

function read(): Permission {
  return typeof window === 'undefined' || !('Notification' in window) ? 'unsupported' : Notification.permission;
}

export function getPermission(): Permission {
  // Without a subscriber no focus is listened to, so a kept answer could go stale.
  if (listeners.size === 0) return read();
  known ??= read();
  return known;
}

function changed(): void {
  known = undefined;
  for (const listener of listeners) listener();
}

export function subscribePermission(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    known = undefined;
    window.addEventListener('focus', changed);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('focus', changed);
  };
}

/** Asks the browser (only ever from a user's click): what it answered. */
export async function requestPermission(): Promise<Permission> {
  if (getPermission() === 'unsupported') return 'unsupported';
  try {
    await Notification.requestPermission();
  } finally {
    changed();
  }
  return getPermission();
}
