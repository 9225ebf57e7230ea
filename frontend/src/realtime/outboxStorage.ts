/**
 * Where unsent messages are kept between pages, per user, cleared on sign-out. Resending
 * is safe because each entry keeps its client_id. IndexedDB (outboxDb.ts) keeps them when
 * the tab closes; this file holds the shape of an entry, the interface both stores share,
 * and the fallback for browsers that refuse IndexedDB: sessionStorage, this tab only,
 * which still survives a reload or a phone discarding the tab.
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
  /** When it was written (ms): sends restored from several pages go out in this order. */
  queuedAt?: number;
}

/** A tab's hold on a user's stored sends, from `OutboxStore.open`. */
export interface OutboxLease {
  /** The sends this tab now owns: its own from an earlier page, and those of closed tabs. */
  readonly entries: StoredSend[];
  /** Mirrors this tab's sends, replacing what it stored before (acknowledged ones go). */
  save(entries: StoredSend[]): void;
  /** Stops mirroring and watching other tabs; what is stored stays. */
  close(): void;
}

export interface OutboxStore {
  /** Takes this tab's share of the user's stored sends; `adopt` gets those of tabs that close later. */
  open(userId: number, adopt: (entries: StoredSend[]) => void): Promise<OutboxLease>;
  /** Sign-out: forgets the stored sends of the users signed in here, and ends their leases. */
  clear(): Promise<void>;
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

export function isStoredSend(value: unknown): value is StoredSend {
  const entry = value as Partial<StoredSend> | null;
  return (
    typeof entry?.roomId === 'number' &&
    typeof entry.clientId === 'string' &&
    typeof entry.body === 'string' &&
    (entry.failed === undefined || typeof entry.failed === 'string') &&
    (entry.queuedAt === undefined || typeof entry.queuedAt === 'number') &&
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

/** The fallback store: this tab's sessionStorage (one tab, so nothing to claim). */
export function sessionOutboxStore(): OutboxStore {
  const leases = new Set<{ closed: boolean }>();
  return {
    open(userId) {
      const lease = { closed: false };
      leases.add(lease);
      return Promise.resolve({
        entries: loadOutbox(userId),
        save: (entries) => {
          if (!lease.closed) saveOutbox(userId, entries);
        },
        close: () => {
          lease.closed = true;
          leases.delete(lease);
        },
      });
    },
    clear() {
      for (const lease of leases) lease.closed = true;
      leases.clear();
      clearStoredOutboxes();
      return Promise.resolve();
    },
  };
}
