import { type QuietDeps, whenNetworkQuiet } from './networkQuiet';

function fakeNetwork() {
  let onFetched: (() => void) | null = null;
  const deps: QuietDeps = {
    watchFetches(listener) {
      onFetched = listener;
      return () => {
        onFetched = null;
      };
    },
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
  };
  return { deps, fetched: () => onFetched?.(), watching: () => onFetched !== null };
}

describe('whenNetworkQuiet', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a quiet spell after the last completed request', async () => {
    const network = fakeNetwork();
    const quiet = vi.fn();
    void whenNetworkQuiet(1000, 10_000, network.deps).then(quiet);
    await vi.advanceTimersByTimeAsync(800);
    network.fetched();
    await vi.advanceTimersByTimeAsync(800);
    expect(quiet).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(quiet).toHaveBeenCalledTimes(1);
    expect(network.watching()).toBe(false);
  });

  it('gives up waiting at the limit on a network that never goes quiet', async () => {
    const network = fakeNetwork();
    const quiet = vi.fn();
    void whenNetworkQuiet(1000, 3000, network.deps).then(quiet);
    for (let elapsed = 500; elapsed <= 2500; elapsed += 500) {
      await vi.advanceTimersByTimeAsync(500);
      network.fetched();
    }
    expect(quiet).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(quiet).toHaveBeenCalledTimes(1);
    expect(network.watching()).toBe(false);
  });
});
