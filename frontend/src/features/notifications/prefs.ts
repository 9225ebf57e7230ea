/**
 * This device's notification preferences, in localStorage (a choice about this browser,
 * not the account): whether desktop notifications are on, a sound with them, and
 * whether the "Get notified" notice was answered. A store for useSyncExternalStore.
 */
export interface NotifyPrefs {
  /** null: never chosen (on once the browser allows it; the notice may still ask). */
  enabled: boolean | null;
  sound: boolean;
  /** The notice was shown an occasion to (a first message sent, a DM opened). */
  promptDue: boolean;
  promptDismissed: boolean;
}

const KEY = 'parley.notifications';
const DEFAULTS: NotifyPrefs = { enabled: null, sound: false, promptDue: false, promptDismissed: false };

function read(): NotifyPrefs {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return DEFAULTS;
    return { ...DEFAULTS, ...(stored as Partial<NotifyPrefs>) };
  } catch {
    return DEFAULTS;
  }
}

let current: NotifyPrefs | null = null;
const listeners = new Set<() => void>();

export function getPrefs(): NotifyPrefs {
  current ??= read();
  return current;
}

export function setPrefs(change: Partial<NotifyPrefs>): void {
  const next = { ...getPrefs(), ...change };
  current = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private modes may refuse storage: the choice holds for this page.
  }
  for (const listener of listeners) listener();
}

export function subscribePrefs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab changed them: this one follows.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    current = read();
    for (const listener of listeners) listener();
  });
}
