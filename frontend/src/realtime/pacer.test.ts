import { Outbox } from './outbox';
import { SendPacer } from './pacer';
import { RoomStore } from './store';

/**
 * The server's counter, as limits 5.x computes it (SlidingWindowCounterRateLimiter over
 * MemoryStorage.acquire_sliding_window_entry): windows aligned to the epoch clock; before
 * each hit, weighted = previous × (time left in the current window) / period + current;
 * refused when floor(weighted) + 1 > limit; an accepted hit counts in the current window.
 */
class SlidingWindowCounter {
  private counts = new Map<number, number>();

  constructor(
    private readonly limit: number,
    private readonly periodMs: number,
  ) {}

  hit(atMs: number): boolean {
    const window = Math.floor(atMs / this.periodMs);
    const previous = this.counts.get(window - 1) ?? 0;
    const current = this.counts.get(window) ?? 0;
    const left = this.periodMs - (atMs % this.periodMs);
    const weighted = (previous * left) / this.periodMs + current;
    if (Math.floor(weighted) + 1 > this.limit) return false;
    this.counts.set(window, current + 1);
    return true;
  }
}

/** Flushes a backlog through the real Outbox and timers; each send lands `delay(i)` ms later. */
function replay(backlog: number, count: number, periodMs: number, delay: (index: number) => number = () => 0) {
  const server = new SlidingWindowCounter(count, periodMs);
  const refused: number[] = [];
  const arrivals: number[] = [];
  const outbox = new Outbox(
    new RoomStore(),
    () => {
      arrivals.push(Date.now() + delay(arrivals.length));
      return true;
    },
    () => true,
  );
  outbox.setRate(count, periodMs);
  for (let i = 0; i < backlog; i += 1) outbox.add(7, `c${i}`, `m${i}`);
  outbox.flush();
  vi.advanceTimersByTime(backlog * SendPacer.interval(count, periodMs) * 2);
  // Frames are processed in order, so network jitter can shorten a gap but not reorder.
  let last = -Infinity;
  for (const [index, at] of arrivals.entries()) {
    last = Math.max(last, at);
    if (!server.hit(last)) refused.push(index);
  }
  return { sent: arrivals.length, refused };
}

describe('SendPacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('spaces sends by period / (count − 1), with a margin', () => {
    const pacer = new SendPacer(10, 5000);
    expect(pacer.waitMs(1000)).toBe(0);
    pacer.record(1000);
    expect(pacer.waitMs(1000)).toBeCloseTo((5000 / 9) * 1.1);
    expect(pacer.waitMs(1000 + (5000 / 9) * 1.1)).toBe(0);
  });

  it('takes the rate from the server config', () => {
    const pacer = new SendPacer();
    pacer.setRate(4, 2000);
    pacer.record(0);
    expect(pacer.waitMs(0)).toBeCloseTo((2000 / 3) * 1.1);
  });

  it('flushes a 30-message backlog that the server counter never refuses, whatever the window phase', () => {
    // The phase of the server's windows against the first send matters (the client's
    // burst was refused at 5.1 s in one phase); try it every 50 ms across a window.
    for (let phase = 0; phase < 5000; phase += 50) {
      vi.setSystemTime(1_800_000_000_000 + phase);
      expect(replay(30, 10, 5000)).toEqual({ sent: 30, refused: [] });
    }
  });

  it('holds for other configured rates and under network jitter within the margin', () => {
    for (const [count, periodMs] of [
      [10, 5000],
      [5, 1000],
      [3, 10_000],
      [30, 60_000],
      [1, 2000],
    ] as const) {
      const jitter = SendPacer.interval(count, periodMs) * 0.09; // < the 10 % margin
      for (let phase = 0; phase < periodMs; phase += periodMs / 40) {
        vi.setSystemTime(1_800_000_000_000 + phase);
        // Every other frame delayed: the gaps after them shrink by `jitter`.
        expect(replay(30, count, periodMs, (i) => (i % 2 === 0 ? jitter : 0))).toEqual({ sent: 30, refused: [] });
      }
    }
  });

  it('is what the model refuses for the old burst pacing (the model is not vacuous)', () => {
    const server = new SlidingWindowCounter(10, 5000);
    // Ten at once at the end of a window, then ten as soon as a true sliding window allows.
    const times = [...Array.from({ length: 10 }, (_, i) => 4000 + i), ...Array.from({ length: 10 }, (_, i) => 9000 + i)];
    expect(times.filter((at) => !server.hit(at)).length).toBeGreaterThan(0);
  });
});
