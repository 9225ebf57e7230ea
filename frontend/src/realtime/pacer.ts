/**
 * Paces sends under the server's limit (`send_rate_count` per `send_rate_period_seconds`,
 * from GET /api/config). The server counts with a sliding-window *estimate* (limits'
 * SlidingWindowCounter: windows aligned to the clock; the previous window's count,
 * weighted by how much of it still overlaps, plus the current one's). A burst that a true
 * sliding window allows can be refused by that estimate, and ten refusals close the
 * socket (4429) while repeated ones mute the sender.
 *
 * So sends go at a steady interval instead: if every two sends are at least
 * period / (count − 1) apart, the estimate before each send is at most count − 1
 * (pacer.test.ts proves it by replay), so it is never refused. MARGIN absorbs network
 * jitter that brings two frames closer together on their way.
 */
export const MARGIN = 1.1;

export class SendPacer {
  private intervalMs: number;
  private lastAt = -Infinity;

  constructor(count = 10, periodMs = 5_000) {
    this.intervalMs = SendPacer.interval(count, periodMs);
  }

  static interval(count: number, periodMs: number): number {
    return (periodMs / Math.max(1, count - 1)) * MARGIN;
  }

  setRate(count: number, periodMs: number): void {
    if (count >= 1 && periodMs > 0) this.intervalMs = SendPacer.interval(count, periodMs);
  }

  /** 0 when a send may go now, else how long to wait. */
  waitMs(now: number): number {
    return Math.max(0, this.lastAt + this.intervalMs - now);
  }

  record(now: number): void {
    this.lastAt = now;
  }
}
