import { session } from '../../api';

/**
 * What was typed but not sent, per user and room, in localStorage: it survives switching
 * rooms, a reload and a closed tab. Drafts are the signed-in person's words, so they go
 * on sign-out (this device may be shared).
 */
const PREFIX = 'parley.draft.';

function storage(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null; // storage disabled by the browser's privacy settings
  }
}

const keyOf = (userId: number, roomId: number) => `${PREFIX}${String(userId)}.${String(roomId)}`;

export function loadDraft(userId: number, roomId: number): string {
  try {
    return storage()?.getItem(keyOf(userId, roomId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(userId: number, roomId: number, body: string): void {
  try {
    if (body === '') storage()?.removeItem(keyOf(userId, roomId));
    else storage()?.setItem(keyOf(userId, roomId), body);
  } catch {
    // Full or disabled storage: the draft lives as long as the page does.
  }
}

export function clearStoredDrafts(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}

// As with the outbox (realtime/create.ts): only a sign-out from a signed-in state counts,
// since failing to reach the server at start-up also ends in 'signedOut'.
let lastStatus = session.getStatus();
session.subscribe(() => {
  const status = session.getStatus();
  if (lastStatus === 'signedIn' && status === 'signedOut') clearStoredDrafts();
  lastStatus = status;
});
