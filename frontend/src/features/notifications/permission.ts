/**
 * The browser's side of desktop notifications: whether it has the Notification API at
 * all, and what it allows. A store: the answer changes after asking, and when the user
 * changes it in the browser's site settings (seen on the next focus).
 */
export type Permission = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();

export function getPermission(): Permission {
  return typeof window === 'undefined' || !('Notification' in window) ? 'unsupported' : Notification.permission;
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function subscribePermission(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('focus', changed);
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
