/**
 * Where unsent messages are kept between pages, per user, cleared on sign-out. Resending
 * is safe because each entry keeps its client_id. IndexedDB (outboxDb.ts) keeps them when
 * the tab closes; this file holds the shape of an entry, the interface both stores share,
 * and the fallback for browsers that refuse IndexedDB: sessionStorage, this tab only,
 * which still survives a reload or a phone discarding the tab. Files that had not gone
 * up yet are kept as Blobs where the store can hold them (IndexedDB); where it cannot
 * (sessionStorage, a full disk), only their names are, so the text comes back saying
 * which files must be attached again.
 */
import type { QuotedMessage } from '../api';

/** A file a message waits for: its bytes until the server has it, then its upload id. */
export interface StoredFile {
  name: string;
  type: string;
  /** Absent when the store could not keep it (JSON, quota): the file is lost unless uploaded. */
  blob?: Blob;
  uploadId?: string;
}

export interface StoredSend {
  roomId: number;
  clientId: string;
  body: string;
  attachments?: string[];
  /** Files to upload before it goes (it waited for them when the page went away). */
  files?: StoredFile[];
  /** The names of files the browser would not keep: to be attached again. */
  lostFiles?: string[];
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

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isStoredFile(value: unknown): value is StoredFile {
  const file = value as Partial<StoredFile> | null;
  return (
    typeof file?.name === 'string' &&
    typeof file.type === 'string' &&
    (file.uploadId === undefined || typeof file.uploadId === 'string')
  );
}

/** A Blob as a store gives it back; a store that could not clone one returns a bare object. */
export function isReadableBlob(value: unknown): value is Blob {
  const blob = value as Partial<Blob> | null | undefined;
  return typeof blob?.size === 'number' && typeof blob.arrayBuffer === 'function';
}

/** The entry as a store that cannot hold Blobs keeps it: files not uploaded yet become lost. */
export function withoutBlobs(entry: StoredSend): StoredSend {
  if (!entry.files) return entry;
  const { files, lostFiles = [], ...rest } = entry;
  const uploaded: StoredFile[] = [];
  const lost: string[] = [];
  for (const { name, type, uploadId } of files) {
    if (uploadId === undefined) lost.push(name);
    else uploaded.push({ name, type, uploadId });
  }
  return {
    ...rest,
    ...(uploaded.length > 0 ? { files: uploaded } : {}),
    ...(lostFiles.length + lost.length > 0 ? { lostFiles: [...lostFiles, ...lost] } : {}),
  };
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
    (entry.attachments === undefined || isStrings(entry.attachments)) &&
    (entry.lostFiles === undefined || isStrings(entry.lostFiles)) &&
    (entry.files === undefined || (Array.isArray(entry.files) && entry.files.every(isStoredFile)))
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
    else storage()?.setItem(key, JSON.stringify(entries.map(withoutBlobs)));
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
