/**
 * Unsent messages survive a reload or a phone discarding the tab: the outbox is mirrored
 * in sessionStorage (this tab only, gone when it closes), per user, and cleared on
 * sign-out. Resending is safe because each entry keeps its client_id.
 */
import type { QuotedMessage } from '../api';

export interface StoredSend {
  roomId: number;
  clientId: string;
  body: string;
  attachments?: string[];
  /** The message it answers, with the quote the pending reply shows. */
  replyTo?: QuotedMessage;
  /** Refused (the server's code): shown as failed with Retry after a reload too. */
  failed?: string;
}

const PREFIX = 'parley.outbox.';

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null; // storage disabled by the browser's privacy settings
  }
}

function isQuote(value: unknown): value is QuotedMessage {
  const quote = value as Partial<QuotedMessage> | null;
  return (
    typeof quote?.id === 'number' &&
    typeof quote.seq === 'number' &&
    typeof quote.snippet === 'string' &&
    typeof quote.deleted === 'boolean' &&
    typeof quote.author?.id === 'number' &&
    typeof quote.author.username === 'string' &&
    typeof quote.author.display_name === 'string'
  );
}

function isStoredSend(value: unknown): value is StoredSend {
  const entry = value as Partial<StoredSend> | null;
  return (
    typeof entry?.roomId === 'number' &&
    typeof entry.clientId === 'string' &&
    typeof entry.body === 'string' &&
    (entry.failed === undefined || typeof entry.failed === 'string') &&
    (entry.replyTo === undefined || isQuote(entry.replyTo)) &&
    (entry.attachments === undefined ||
      (Array.isArray(entry.attachments) && entry.attachments.every((id) => typeof id === 'string')))
  );
}

export function loadOutbox(userId: number): StoredSend[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(PREFIX + String(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isStoredSend) : [];
  } catch {
    return [];
  }
}

export function saveOutbox(userId: number, entries: StoredSend[]): void {
  try {
    const key = PREFIX + String(userId);
    if (entries.length === 0) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(entries));
  } catch {
    // Full or disabled storage: the outbox still works for this page's lifetime.
  }
}

export function clearStoredOutboxes(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}
