/**
 * A client-side copy of the server's send limit (10 per 5 s). Flushing a backlog after
 * a reconnect, or a fast typist, would otherwise be refused — and ten refusals close
 * the socket (4429), after which the same backlog would be refused again.
 */
export class SendPacer {
  private sentAt: number[] = [];

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 5_000,
  ) {}

  /** 0 when a send may go now, else how long to wait. */
  waitMs(now: number): number {
    this.sentAt = this.sentAt.filter((at) => now - at < this.windowMs);
    if (this.sentAt.length < this.limit) return 0;
    return (this.sentAt[0] ?? now) + this.windowMs - now;
  }

  record(now: number): void {
    this.sentAt.push(now);
  }
}
