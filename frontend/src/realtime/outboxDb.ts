/**
 * The outbox in IndexedDB: unsent messages outlive the tab, and every tab of the browser
 * sees them. So that two tabs never both show and send the same entry, each record names
 * the tab that owns it (tabs.ts), and a tab takes over only records whose owner is gone,
 * under one lock so two tabs opening at once cannot both take the same ones. A record is
 * deleted only when its owner no longer holds it (acknowledged or discarded).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

import {
  isStoredSend,
  loadOutbox,
  type OutboxLease,
  type OutboxStore,
  saveOutbox,
  sessionOutboxStore,
  type StoredSend,
  withoutBlobs,
} from './outboxStorage';
import { thisTab, type TabRegistry } from './tabs';

interface SendRecord extends StoredSend {
  userId: number;
  /** The id of the tab that shows and sends it (tabs.ts). */
  owner: string;
  queuedAt: number;
}

interface OutboxSchema extends DBSchema {
  sends: { key: string; value: SendRecord; indexes: { user: number } };
}

type OutboxDb = IDBPDatabase<OutboxSchema>;

export const OUTBOX_DB = 'parley-outbox';
const CLAIM_LOCK = 'parley-outbox-claim';

function toRecord(entry: StoredSend, userId: number, owner: string): SendRecord {
  return { ...entry, userId, owner, queuedAt: entry.queuedAt ?? Date.now() };
}

function toEntry({ roomId, clientId, body, attachments, files, lostFiles, replyTo, failed, queuedAt }: SendRecord): StoredSend {
  return {
    roomId,
    clientId,
    body,
    queuedAt,
    ...(attachments ? { attachments } : {}),
    ...(files ? { files } : {}),
    ...(lostFiles ? { lostFiles } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(failed !== undefined ? { failed } : {}),
  };
}

const byQueuedAt = (a: SendRecord, b: SendRecord) => a.queuedAt - b.queuedAt;

interface Claim {
  /** Records this tab owned already. */
  mine: SendRecord[];
  /** Records taken over now from tabs that are gone. */
  taken: SendRecord[];
  /** Tabs still alive that own some of the user's records. */
  others: Set<string>;
}

export function idbOutboxStore(tabs: TabRegistry, name: string = OUTBOX_DB): OutboxStore {
  let opening: Promise<OutboxDb> | null = null;
  const db = () =>
    (opening ??= openDB<OutboxSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('sends', { keyPath: 'clientId' }).createIndex('user', 'userId');
      },
    }).catch((error: unknown) => {
      opening = null; // private mode or a broken profile: the caller falls back
      throw error;
    }));
  const leases = new Set<OutboxLease>();
  /** Users who opened an outbox here since the last sign-out: theirs is what sign-out clears. */
  const known = new Set<number>();

  function claim(database: OutboxDb, userId: number): Promise<Claim> {
    // Under the lock, every tab that took something before us already holds its tab lock,
    // so `live` sees it and its records are left alone.
    return tabs.exclusive(CLAIM_LOCK, async () => {
      const live = await tabs.live();
      const tx = database.transaction('sends', 'readwrite');
      const result: Claim = { mine: [], taken: [], others: new Set() };
      for (const record of await tx.store.index('user').getAll(userId)) {
        if (!isStoredSend(record)) continue;
        if (record.owner === tabs.id) result.mine.push(record);
        else if (live.has(record.owner)) result.others.add(record.owner);
        else {
          const taken = { ...record, owner: tabs.id };
          await tx.store.put(taken);
          result.taken.push(taken);
        }
      }
      await tx.done;
      return result;
    });
  }

  async function write(database: OutboxDb, userId: number, entries: StoredSend[]): Promise<void> {
    const tx = database.transaction('sends', 'readwrite');
    const kept = new Set(entries.map((entry) => entry.clientId));
    for (const record of await tx.store.index('user').getAll(userId)) {
      if (record.owner === tabs.id && !kept.has(record.clientId)) await tx.store.delete(record.clientId);
    }
    for (const entry of entries) await tx.store.put(toRecord(entry, userId, tabs.id));
    await tx.done;
  }

  return {
    async open(userId, adopt) {
      const database = await db();
      await tabs.ready;
      known.add(userId);
      const first = await claim(database, userId);
      const stop = new AbortController();
      // In an object: changed by save() and close() while the others await.
      const state: { closed: boolean; next: StoredSend[] | null; writing: boolean } = {
        closed: false,
        next: null,
        writing: false,
      };
      const watched = new Set<string>();

      // Another tab's records become ours when it closes; until then it shows and sends them.
      const watch = (owners: Set<string>) => {
        for (const owner of owners) {
          if (watched.has(owner)) continue;
          watched.add(owner);
          tabs
            .whenGone(owner, stop.signal)
            .then(async () => {
              const next = await claim(database, userId);
              if (state.closed) return; // taken meanwhile all the same: the next page adopts them
              if (next.taken.length > 0) adopt(next.taken.sort(byQueuedAt).map(toEntry));
              watch(next.others);
            })
            .catch(() => undefined); // aborted by close()
        }
      };

      // One write at a time, the latest list wins: IndexedDB runs them in order anyway,
      // but a burst of sends need not queue a transaction each.
      const drain = async () => {
        state.writing = true;
        while (state.next !== null && !state.closed) {
          const next = state.next;
          state.next = null;
          try {
            await write(database, userId, next);
          } catch {
            // Files are what fills a disk (or what a browser may refuse to clone): the
            // text is kept without them, and says which files to attach again.
            try {
              if (next.some((entry) => entry.files)) await write(database, userId, next.map(withoutBlobs));
            } catch {
              // Quota or a closed database: the outbox still works for this page's lifetime.
            }
          }
        }
        state.writing = false;
      };

      const lease: OutboxLease = {
        entries: [...first.mine, ...first.taken].sort(byQueuedAt).map(toEntry),
        save(entries) {
          if (state.closed) return;
          state.next = entries;
          if (!state.writing) void drain();
        },
        close() {
          state.closed = true;
          state.next = null;
          stop.abort();
          leases.delete(lease);
        },
      };
      leases.add(lease);
      watch(first.others);
      return lease;
    },

    async clear() {
      for (const lease of [...leases]) lease.close();
      const users = [...known];
      known.clear();
      if (users.length === 0) return;
      const database = await db();
      // Created after every write already under way, so it runs after them too.
      const tx = database.transaction('sends', 'readwrite');
      for (const userId of users) {
        for (const key of await tx.store.index('user').getAllKeys(userId)) await tx.store.delete(key);
      }
      await tx.done;
    },
  };
}

/**
 * The browser's store: IndexedDB where the browser allows it and has Web Locks to share
 * it between tabs, else sessionStorage (private modes that refuse IndexedDB, old browsers).
 */
export function browserOutboxStore(): OutboxStore {
  const tabs = thisTab();
  const fallback = sessionOutboxStore();
  const shared = tabs && typeof indexedDB !== 'undefined' ? idbOutboxStore(tabs) : null;
  return {
    async open(userId, adopt) {
      if (shared) {
        try {
          const lease = await shared.open(userId, adopt);
          // Written by a page from before the outbox moved to IndexedDB: carried over once.
          const earlier = loadOutbox(userId).filter((entry) => !lease.entries.some((e) => e.clientId === entry.clientId));
          if (earlier.length === 0) return lease;
          saveOutbox(userId, []);
          return { ...lease, entries: [...lease.entries, ...earlier] };
        } catch {
          // IndexedDB refused (private mode, storage disabled): this tab's sessionStorage instead.
        }
      }
      return fallback.open(userId, adopt);
    },
    async clear() {
      await Promise.all([shared?.clear().catch(() => undefined), fallback.clear()]);
    },
  };
}
