import type { QuotedMessage } from '../api';
import type { StoredSend } from './outboxStorage';
import { SendPacer } from './pacer';
import type { ClientFrame } from './protocol';
import type { RoomStore } from './store';

export const ACK_TIMEOUT_MS = 15_000;
export const RATE_LIMIT_RETRY_MS = 2_000;

interface Entry {
  roomId: number;
  clientId: string;
  body: string;
  attachments: readonly string[];
  replyTo: QuotedMessage | null;
  /** Sent on the current socket and waiting for its ack. */
  inFlight: boolean;
  /** The refusal's code (or 'timeout'): kept, shown with Retry, never sent again by itself. */
  failed: string | null;
  /** When it was written (ms), kept across pages: entries restored later still go out first. */
  queuedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Sends without an ack, in order. Each keeps its client_id for life: a resend after a
 * reconnect may reach a server that already stored it, and the server then answers
 * with the original instead of posting twice. A refused send stays here, failed, until
 * it is retried, acknowledged after all, or discarded: nothing leaves the screen unseen.
 */
export class Outbox {
  private entries = new Map<string, Entry>();
  private pacer = new SendPacer();
  private pacedFlush: ReturnType<typeof setTimeout> | null = null;
  private persist: ((entries: StoredSend[]) => void) | null = null;
  /** Stored entries are loading: nothing goes out until they are in, so they go first. */
  private restoring = false;

  constructor(
    private readonly store: RoomStore,
    private readonly transmit: (frame: ClientFrame) => boolean,
    /** Sends wait until the room is joined on the current socket (its backlog comes first). */
    private readonly isJoined: (roomId: number) => boolean,
  ) {}

  add(
    roomId: number,
    clientId: string,
    body: string,
    attachments: readonly string[] = [],
    failed: string | null = null,
    replyTo: QuotedMessage | null = null,
    queuedAt: number = Date.now(),
  ): void {
    if (this.entries.has(clientId)) return;
    const entry: Entry = { roomId, clientId, body, attachments, replyTo, inFlight: false, failed, queuedAt, timer: null };
    this.entries.set(clientId, entry);
    this.store.dispatch(roomId, {
      type: 'queued',
      clientId,
      body,
      attachments,
      now: queuedAt,
      ...(replyTo ? { replyTo } : {}),
    });
    if (failed !== null) this.store.dispatch(roomId, { type: 'failed', clientId, error: failed });
    this.save();
  }

  /** Stored entries are on their way (restore): sends made meanwhile wait for them. */
  hold(): void {
    this.restoring = true;
  }

  /**
   * Takes in sends stored by an earlier page or a closed tab (those already here are
   * skipped), in the order they were written, and mirrors every later change to
   * `persist` when given. Call flush() after.
   */
  restore(stored: StoredSend[], persist?: ((entries: StoredSend[]) => void) | null): void {
    const fresh = stored.filter((entry) => !this.entries.has(entry.clientId));
    // The page before this one may have sent a moment ago: its sends count on the server too.
    if (fresh.length > 0) this.pacer.record(Date.now());
    for (const entry of fresh) {
      const { roomId, clientId, body, attachments, failed, replyTo, queuedAt } = entry;
      this.add(roomId, clientId, body, attachments, failed ?? null, replyTo ?? null, queuedAt ?? Date.now());
    }
    // Sends are made in order, so older ones (written before this page) go first.
    this.entries = new Map([...this.entries].sort(([, a], [, b]) => a.queuedAt - b.queuedAt));
    if (persist !== undefined) this.persist = persist;
    this.restoring = false;
    this.save();
  }

  /**
   * Another account is signed in on this page now: the previous one's sends must never go
   * out as this one's. They stay stored for their owner; here they are forgotten.
   */
  dropAll(): void {
    this.persist = null;
    for (const entry of [...this.entries.values()]) this.discard(entry.roomId, entry.clientId);
  }

  /** Messages still on their way (failed ones wait for the user, stored, and are not counted). */
  hasUnsent(): boolean {
    for (const entry of this.entries.values()) if (entry.failed === null) return true;
    return false;
  }

  /** The server's send limit (GET /api/config). */
  setRate(count: number, periodMs: number): void {
    this.pacer.setRate(count, periodMs);
  }

  retry(roomId: number, clientId: string): void {
    const entry = this.entries.get(clientId);
    if (!entry || entry.failed === null) return;
    entry.failed = null;
    this.save();
    this.store.dispatch(roomId, { type: 'retrying', clientId });
  }

  discard(roomId: number, clientId: string): void {
    this.forget(clientId);
    this.store.dispatch(roomId, { type: 'discard', clientId });
  }

  /** Sends every waiting entry (of joined rooms) that is not on the wire yet, in order, paced. */
  flush(): void {
    if (this.restoring) return;
    for (const entry of this.entries.values()) {
      if (entry.inFlight || entry.failed !== null || !this.isJoined(entry.roomId)) continue;
      const now = Date.now();
      const wait = this.pacer.waitMs(now);
      if (wait > 0) {
        this.pacedFlush ??= setTimeout(() => {
          this.pacedFlush = null;
          this.flush();
        }, wait + 50);
        return;
      }
      const frame: ClientFrame = { type: 'send', room: entry.roomId, client_id: entry.clientId, body: entry.body };
      if (entry.attachments.length > 0) frame.attachments = [...entry.attachments];
      if (entry.replyTo) frame.reply_to = entry.replyTo.id;
      if (!this.transmit(frame)) return;
      this.pacer.record(now);
      entry.inFlight = true;
      entry.timer = setTimeout(() => this.fail(entry.clientId, 'timeout'), ACK_TIMEOUT_MS);
    }
  }

  acked(clientId: string): void {
    this.forget(clientId);
  }

  /** An error frame whose `ref` is one of our client_ids. */
  refused(clientId: string, code: string): void {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    if (code === 'rate_limited') {
      // The server asks us to wait and retry with the same client_id.
      this.clearTimer(entry);
      entry.timer = setTimeout(() => {
        entry.inFlight = false;
        entry.timer = null;
        this.flush();
      }, RATE_LIMIT_RETRY_MS);
      return;
    }
    this.fail(clientId, code);
  }

  /**
   * The room will not take them (deleted, or I was removed): sends still waiting for it
   * fail now, visibly, with Retry, instead of waiting for a join that will not come.
   */
  failRoom(roomId: number, code: string): void {
    for (const entry of this.entries.values()) {
      if (entry.roomId === roomId && entry.failed === null && !entry.inFlight) this.fail(entry.clientId, code);
    }
  }

  /** Whatever was on the old socket goes again on the next one. */
  socketLost(): void {
    for (const entry of this.entries.values()) {
      this.clearTimer(entry);
      entry.inFlight = false;
    }
  }

  private fail(clientId: string, code: string): void {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    this.clearTimer(entry);
    entry.inFlight = false;
    entry.failed = code;
    this.save();
    this.store.dispatch(entry.roomId, { type: 'failed', clientId, error: code });
  }

  private forget(clientId: string): void {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    this.clearTimer(entry);
    this.entries.delete(clientId);
    this.save();
  }

  private save(): void {
    this.persist?.(
      [...this.entries.values()].map(({ roomId, clientId, body, attachments, replyTo, failed, queuedAt }) => ({
        roomId,
        clientId,
        body,
        queuedAt,
        ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
        ...(replyTo ? { replyTo } : {}),
        ...(failed !== null ? { failed } : {}),
      })),
    );
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
  }
}
