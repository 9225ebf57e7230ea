/** What `whenNetworkQuiet` needs from the browser (tests pass fakes). */
export interface QuietDeps {
  /** Calls `onFetched` each time a request of the page completes; returns the unsubscribe. */
  watchFetches: (onFetched: () => void) => () => void;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

function browserDeps(): QuietDeps {
  return {
    watchFetches(onFetched) {
      // Resource Timing sees every completed fetch of the page: scripts, API reads, images.
      const observer = new PerformanceObserver(() => onFetched());
      observer.observe({ type: 'resource' });
      return () => observer.disconnect();
    },
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
  };
}

/**
 * Resolves once no request of the page has completed for `quietMs`, or after `limitMs`
 * whatever happens. Work that can wait (the service worker's precache) starts then, so it
 * does not share a slow connection with the first screen's own chunks and reads.
 */
export function whenNetworkQuiet(quietMs: number, limitMs: number, deps: QuietDeps = browserDeps()): Promise<void> {
  return new Promise((resolve) => {
    let quietTimer: unknown = null;
    let stopWatching = (): void => undefined;
    const done = () => {
      deps.clearTimer(quietTimer);
      deps.clearTimer(limitTimer);
      stopWatching();
      resolve();
    };
    const restart = () => {
      if (quietTimer !== null) deps.clearTimer(quietTimer);
      quietTimer = deps.setTimer(done, quietMs);
    };
    const limitTimer = deps.setTimer(done, limitMs);
    stopWatching = deps.watchFetches(restart);
    restart();
  });
}
