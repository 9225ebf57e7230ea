/**
 * Which tabs are alive, through the Web Locks API: each tab holds a lock named after its
 * own id for as long as the page lives, and the browser releases it when the tab closes
 * or crashes, which no heartbeat in storage can promise. Shared outbox entries are
 * marked with the id of the tab that owns them (outboxDb.ts).
 */
const PREFIX = 'parley-tab:';

export interface TabRegistry {
  /** This page's id; its lock is held by the time `ready` resolves. */
  readonly id: string;
  readonly ready: Promise<void>;
  /** The ids of the tabs alive now (this one included). */
  live(): Promise<Set<string>>;
  /** Resolves once tab `id` has gone (at once if it already has); `signal` stops waiting. */
  whenGone(id: string, signal: AbortSignal): Promise<void>;
  /** Runs `work` while no other tab runs work under the same name. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export function webLocks(): LockManager | null {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
  return locks ?? null;
}

export function createTabRegistry(locks: LockManager, id: string = crypto.randomUUID()): TabRegistry {
  const ready = new Promise<void>((granted) => {
    // Never resolved: the lock is held until the page goes away.
    void locks.request(PREFIX + id, () => {
      granted();
      return new Promise<never>(() => undefined);
    });
  });
  return {
    id,
    ready,
    async live() {
      const { held = [] } = await locks.query();
      const ids = new Set<string>();
      for (const lock of held) if (lock.name?.startsWith(PREFIX)) ids.add(lock.name.slice(PREFIX.length));
      return ids;
    },
    async whenGone(other, signal) {
      // Granted only when that tab no longer holds its lock; released again at once.
      await locks.request(PREFIX + other, { signal }, () => undefined);
    },
    async exclusive(name, work) {
      return await locks.request(name, work);
    },
  };
}

let shared: TabRegistry | null | undefined;

/** This page's registry, or null where the browser has no Web Locks. */
export function thisTab(): TabRegistry | null {
  if (shared === undefined) {
    const locks = webLocks();
    shared = locks ? createTabRegistry(locks) : null;
  }
  return shared;
}
