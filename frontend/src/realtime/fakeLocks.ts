/**
 * A LockManager for tests: exclusive locks within one process, standing in for the tabs of
 * one browser. `drop` releases a lock whose holder never lets go, as closing a tab does.
 */
export class FakeLocks {
  private held = new Set<string>();
  private queues = new Map<string, (() => void)[]>();

  request<T>(name: string, ...args: [LockGrantedCallback<T>] | [LockOptions, LockGrantedCallback<T>]): Promise<T> {
    const [options, callback] = args.length === 1 ? [{} as LockOptions, args[0]] : args;
    return this.acquire(name, options.signal ?? undefined).then(async () => {
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        this.release(name);
      }
    });
  }

  query(): Promise<LockManagerSnapshot> {
    return Promise.resolve({ held: [...this.held].map((name) => ({ name, mode: 'exclusive' as const })), pending: [] });
  }

  /** The tab holding `name` is gone: the browser lets go of its lock. */
  drop(name: string): void {
    this.release(name);
  }

  private acquire(name: string, signal: AbortSignal | undefined): Promise<void> {
    if (!this.held.has(name)) {
      this.held.add(name);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        const queue = this.queues.get(name) ?? [];
        this.queues.set(
          name,
          queue.filter((waiter) => waiter !== grant),
        );
        reject(new DOMException('Aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.queues.set(name, [...(this.queues.get(name) ?? []), grant]);
    });
  }

  private release(name: string): void {
    if (!this.held.has(name)) return;
    const next = this.queues.get(name)?.shift();
    if (next) next();
    else this.held.delete(name);
  }

  asLockManager(): LockManager {
    return this;
  }
}
