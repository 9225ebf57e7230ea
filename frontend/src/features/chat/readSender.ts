export const READ_DEBOUNCE_MS = 300;

/**
 * Sends one room's read marker to the server as it moves: debounced (reading down a page
 * moves it many times a second), at most one request in flight, only ever forwards (the
 * server's marker only moves forward too, so a stale request is merely wasted).
 */
export class ReadSender {
  private wanted: number;
  private sent: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;

  constructor(
    private readonly send: (seq: number, leaving: boolean) => Promise<unknown>,
    readSeq: number,
    private readonly delayMs: number = READ_DEBOUNCE_MS,
  ) {
    this.wanted = readSeq;
    this.sent = readSeq;
  }

  /** The marker moved to `seq`: sent after the debounce, or after the request in flight. */
  mark(seq: number): void {
    if (seq <= this.wanted) return;
    this.wanted = seq;
    this.schedule();
  }

  /** Sends what is waiting now (the room is being left); nothing if it is already sent. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.wanted <= this.sent) return;
    const seq = this.wanted;
    this.inFlight = true;
    this.send(seq, false)
      .then(
        () => {
          this.sent = Math.max(this.sent, seq);
        },
        // Not retried in a loop: the next move of the marker (or leaving) tries again.
        () => undefined,
      )
      .finally(() => {
        this.inFlight = false;
        if (this.wanted > seq) this.schedule();
      });
  }

  /**
   * The page is going away (pagehide): what is waiting goes now, as a request that
   * outlives the page, even beside one in flight (which the unload may cancel).
   */
  leave(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.wanted <= this.sent) return;
    const seq = this.wanted;
    this.send(seq, true).then(
      () => {
        this.sent = Math.max(this.sent, seq);
      },
      () => undefined,
    );
  }

  private schedule(): void {
    if (this.timer !== undefined || this.inFlight) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }
}
