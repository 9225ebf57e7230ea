import type { MessagePage, QuotedMessage } from '../api';
import { type FileUploader, Outbox } from './outbox';
import { type OutboxLease, type OutboxStore, sessionOutboxStore } from './outboxStorage';
import { type JoinTarget, MAX_JOIN_ROOMS, type ServerFrame, type WireMessage } from './protocol';
import { ResilientSocket, type SocketDeps } from './socket';
import { RoomStore } from './store';

export const TYPING_THROTTLE_MS = 2000;
/** Member actions after which the user is no longer in the room (events.LEAVING_ACTIONS). */
const LEAVING = new Set(['left', 'removed', 'kicked', 'banned']);

export interface ClientDeps extends Pick<SocketDeps, 'url' | 'getToken' | 'refreshToken' | 'createSocket' | 'random'> {
  /** The latest history page over REST (after `reset`, and when a room is opened). */
  loadLatest: (roomId: number) => Promise<MessagePage>;
  /** POST /read: moves the server's read marker. */
  markRead: (roomId: number, seq: number) => Promise<unknown>;
  /** Where unsent messages outlive the page (create.ts: IndexedDB); this tab's sessionStorage if absent. */
  outboxStore?: OutboxStore;
  /** Uploads the files of a message restored from a page that closed before they went up. */
  uploadFile?: FileUploader;
}

/** A file the composer's held message waits for; `uploadId` once the server has it. */
export interface HeldFile {
  file: File;
  uploadId?: string;
}

type FrameListener = (frame: ServerFrame) => void;
type LiveMessageListener = (roomId: number, message: WireMessage) => void;

/**
 * The app's one live connection: which rooms to follow, resuming each by seq, the
 * outbox of unacknowledged sends and typing notices. Room data lives in `store`.
 */
export class RealtimeClient {
  readonly store = new RoomStore();
  readonly socket: ResilientSocket;
  private readonly outbox: Outbox;
  private tracked = new Map<number, number>();
  /** Rooms a `join` was sent for on the current socket, and those it confirmed. */
  private subscribed = new Set<number>();
  /** Rooms whose last `join` carried `since`: their replay, not `joined`, sets the position. */
  private resuming = new Set<number>();
  private joined = new Set<number>();
  /** Rooms whose `join` has had no answer yet, in send order: an `error` names no room. */
  private joinsAwaiting: number[] = [];
  private typingSentAt = new Map<number, number>();
  private frameListeners = new Set<FrameListener>();
  private liveListeners = new Set<LiveMessageListener>();
  /** Per room, where the log stood at this socket's `joined`: changes up to it are a replay. */
  private liveAfter = new Map<number, number>();
  private userId: number | null = null;
  private reloading = new Map<number, Promise<void>>();
  private readonly outboxStore: OutboxStore;
  /** The user whose sends the outbox holds, and this page's hold on their stored ones. */
  private outboxUser: number | null = null;
  private lease: OutboxLease | null = null;
  /** Bumped on every open, so a late answer for an earlier user or start is ignored. */
  private leaseTurn = 0;
  private readonly warnBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.outbox.hasUnsent()) return;
    // Browsers show their own words; both calls are needed across them.
    event.preventDefault();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- older Chromium and Safari ask only when it is set
    event.returnValue = '';
  };

  constructor(private readonly deps: ClientDeps) {
    this.socket = new ResilientSocket({
      ...deps,
      onReady: (userId) => this.onReady(userId),
      onFrame: (frame) => this.onFrame(frame),
      onDown: () => this.onDown(),
    });
    this.outbox = new Outbox(
      this.store,
      (frame) => this.socket.send(frame),
      (roomId) => this.joined.has(roomId),
      deps.uploadFile ?? null,
    );
    this.outboxStore = deps.outboxStore ?? sessionOutboxStore();
  }

  start(): void {
    this.socket.start();
    if (typeof window !== 'undefined') window.addEventListener('beforeunload', this.warnBeforeUnload);
  }

  stop(): void {
    this.socket.stop();
    if (typeof window !== 'undefined') window.removeEventListener('beforeunload', this.warnBeforeUnload);
    // What is unsent is stored already; a later start takes it up again (same entries, skipped).
    this.leaseTurn += 1;
    this.lease?.close();
    this.lease = null;
    this.outboxUser = null;
  }

  /** Some message is still on its way (not failed): closing the tab now would leave it unsent. */
  hasUnsent(): boolean {
    return this.outbox.hasUnsent();
  }

  getUserId(): number | null {
    return this.userId;
  }

  /**
   * Follows a room live until the returned function is called. Counted, so the sidebar
   * and an open chat view can both hold the same room.
   */
  track(roomId: number): () => void {
    this.tracked.set(roomId, (this.tracked.get(roomId) ?? 0) + 1);
    if (!this.subscribed.has(roomId)) this.join(roomId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.tracked.get(roomId) ?? 1) - 1;
      if (left > 0) {
        this.tracked.set(roomId, left);
        return;
      }
      this.tracked.delete(roomId);
      // Deferred: an effect that releases and re-tracks in one commit must not leave and re-join.
      queueMicrotask(() => {
        if (this.tracked.has(roomId) || !this.subscribed.has(roomId)) return;
        this.subscribed.delete(roomId);
        this.joined.delete(roomId);
        this.socket.send({ type: 'leave', room: roomId });
      });
    };
  }

  /**
   * The room's last_seq and last_read_seq from REST. The first seed sets where the
   * socket resumes; later ones only raise the read marker (read in another tab).
   */
  seed(roomId: number, seed: { lastSeq: number; lastChangeSeq: number; lastReadSeq: number; mentionCount?: number }): void {
    this.store.dispatch(roomId, { type: 'seed', ...seed });
  }

  /**
   * Posts a message; it shows as pending at once and is retried until acknowledged.
   * `clientId`: the one a held message was kept under (holdForFiles), so it goes as that one.
   */
  send(
    roomId: number,
    body: string,
    attachments: readonly string[] = [],
    replyTo: QuotedMessage | null = null,
    clientId: string = crypto.randomUUID(),
  ): void {
    this.outbox.add(roomId, clientId, body, attachments, null, replyTo);
    this.outbox.flush();
  }

  /**
   * A message the composer holds until its files are up: stored with the files, so if
   * the page goes first, the next one uploads them and sends it. Call again as they change.
   */
  holdForFiles(roomId: number, clientId: string, body: string, replyTo: QuotedMessage | null, files: readonly HeldFile[]): void {
    this.outbox.holdForFiles(
      roomId,
      clientId,
      body,
      replyTo,
      files.map(({ file, uploadId }) => ({
        name: file.name,
        type: file.type,
        blob: file,
        ...(uploadId ? { uploadId } : {}),
      })),
    );
  }

  /** The composer no longer holds it (taken back, or left as a draft); a sent one stays. */
  releaseHeld(clientId: string): void {
    this.outbox.releaseHeld(clientId);
  }

  retry(roomId: number, clientId: string): void {
    this.outbox.retry(roomId, clientId);
    this.outbox.flush();
  }

  /** The server's send limit (GET /api/config): the outbox paces under it. */
  setSendRate(count: number, periodSeconds: number): void {
    this.outbox.setRate(count, periodSeconds * 1000);
  }

  discard(roomId: number, clientId: string): void {
    this.outbox.discard(roomId, clientId);
  }

  /** Call on every keystroke; at most one notice per room every 2 s reaches the wire. */
  typing(roomId: number): void {
    const now = Date.now();
    if (now - (this.typingSentAt.get(roomId) ?? 0) < TYPING_THROTTLE_MS) return;
    if (this.socket.send({ type: 'typing', room: roomId })) this.typingSentAt.set(roomId, now);
  }

  /** Single-flight per room: a `reset` and the open view asking at once share one request. */
  reloadLatest(roomId: number): Promise<void> {
    let loading = this.reloading.get(roomId);
    if (!loading) {
      loading = this.deps
        .loadLatest(roomId)
        .then((page) => {
          this.store.dispatch(roomId, { type: 'page', messages: page.messages, hasMore: page.has_more, latest: true });
        })
        .finally(() => this.reloading.delete(roomId));
      this.reloading.set(roomId, loading);
    }
    return loading;
  }

  /** Every frame, after the store has applied it (for caches of room lists and members). */
  onServerFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /**
   * New messages as they happen, never a replay of what was missed while away (a resume
   * after reconnecting, or the backlog of a join): what notifications may call out.
   */
  onLiveMessage(listener: LiveMessageListener): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  private join(roomId: number): void {
    const target = this.joinTarget(roomId);
    if (this.socket.send({ type: 'join', ...target })) this.joinSent(target);
  }

  /**
   * Every room at once, as a (re)connect needs: one `join_rooms` frame per
   * MAX_JOIN_ROOMS, answered exactly as that many `join` frames in the same order.
   */
  private joinAll(roomIds: number[]): void {
    for (let start = 0; start < roomIds.length; start += MAX_JOIN_ROOMS) {
      const targets = roomIds.slice(start, start + MAX_JOIN_ROOMS).map((roomId) => this.joinTarget(roomId));
      const [first, ...rest] = targets;
      if (first === undefined) return;
      if (!this.socket.send({ type: 'join_rooms', rooms: [first, ...rest] })) return;
      for (const target of targets) this.joinSent(target);
    }
  }

  private joinTarget(roomId: number): JoinTarget {
    const { lastChangeSeq, seeded, historyLoaded } = this.store.get(roomId);
    // Without a known position ask only for live traffic; history comes over REST.
    const known = seeded || historyLoaded || lastChangeSeq > 0;
    return known ? { room: roomId, since: lastChangeSeq } : { room: roomId };
  }

  private joinSent(target: JoinTarget): void {
    this.joinsAwaiting.push(target.room);
    this.subscribed.add(target.room);
    if (target.since !== undefined) this.resuming.add(target.room);
    else this.resuming.delete(target.room);
  }

  /** Not subscribed any more (the server dropped us): the next track() joins afresh. */
  private forget(roomId: number): void {
    this.subscribed.delete(roomId);
    this.joined.delete(roomId);
  }

  private answered(roomId: number): void {
    const at = this.joinsAwaiting.indexOf(roomId);
    if (at >= 0) this.joinsAwaiting.splice(at, 1);
  }

  /**
   * The server answers joins in the order they were sent, so a refused one is the oldest
   * still waiting. A refused join leaves nothing subscribed, so being let back in joins
   * afresh; sends waiting for that room fail visibly.
   */
  private joinRefused(code: string, reason?: string | null): void {
    const roomId = this.joinsAwaiting.shift();
    if (roomId === undefined) return;
    this.forget(roomId);
    this.store.dispatch(roomId, reason == null ? { type: 'joinRefused', code } : { type: 'joinRefused', code, reason });
    this.outbox.failRoom(roomId, code);
  }

  /** Someone else's message that names me or calls the room (not a tombstone). */
  private mentionsMe(message: WireMessage): boolean {
    if (this.userId === null || message.author.id === this.userId || message.deleted_at !== null) return false;
    return message.mentions_room === true || (message.mentions ?? []).includes(this.userId);
  }

  /** Past the log position `joined` gave (so not replayed) and not held already (not a repeat). */
  private isLive(roomId: number, message: WireMessage): boolean {
    const after = this.liveAfter.get(roomId);
    return after !== undefined && message.change_seq > after && message.seq > this.store.get(roomId).lastSeq;
  }

  /** My own message is not news to me: if I had read up to it, I have read it too. */
  private readOwn(roomId: number, seq: number, authorId: number): void {
    if (authorId !== this.userId) return;
    const { lastReadSeq, lastSeq } = this.store.get(roomId);
    if (lastReadSeq !== seq - 1 || lastSeq !== seq) return;
    this.store.dispatch(roomId, { type: 'read', seq });
    this.deps.markRead(roomId, seq).catch(() => undefined);
  }

  private onReady(userId: number): void {
    if (this.outboxUser !== userId) this.openOutbox(userId);
    this.userId = userId;
    this.joinAll([...this.tracked.keys()]);
  }

  /**
   * First connection as this user: pick up the sends an earlier page (or a closed tab)
   * could not deliver. Loading is async; sends made meanwhile wait, so the older go first.
   */
  private openOutbox(userId: number): void {
    this.leaseTurn += 1;
    const turn = this.leaseTurn;
    this.lease?.close();
    this.lease = null;
    if (this.userId !== null && this.userId !== userId) this.outbox.dropAll();
    this.outboxUser = userId;
    this.outbox.hold();
    const current = () => turn === this.leaseTurn;
    this.outboxStore
      .open(userId, (adopted) => {
        if (!current()) return;
        this.outbox.restore(adopted);
        this.outbox.flush();
      })
      .then(
        (lease) => {
          if (!current()) {
            lease.close();
            return;
          }
          this.lease = lease;
          this.outbox.restore(lease.entries, (entries) => lease.save(entries));
        },
        () => {
          // No store at all: the outbox still works for this page's lifetime.
          if (current()) this.outbox.restore([], null);
        },
      )
      .finally(() => {
        if (current()) this.outbox.flush();
      });
  }

  private onDown(): void {
    this.liveAfter.clear();
    this.subscribed.clear();
    this.joined.clear();
    this.joinsAwaiting = [];
    this.outbox.socketLost();
  }

  private onFrame(frame: ServerFrame): void {
    this.apply(frame);
    for (const listener of this.frameListeners) listener(frame);
  }

  private apply(frame: ServerFrame): void {
    const store = this.store;
    switch (frame.type) {
      case 'joined':
        this.answered(frame.room);
        this.joined.add(frame.room);
        this.liveAfter.set(frame.room, frame.last_change_seq);
        store.dispatch(frame.room, {
          type: 'joined',
          online: frame.online,
          lastChangeSeq: this.resuming.has(frame.room) ? null : frame.last_change_seq,
        });
        // Resend only now: the backlog for this room has been queued ahead of any ack.
        this.outbox.flush();
        return;
      case 'reset':
        store.dispatch(frame.room, { type: 'reset', lastSeq: frame.last_seq, lastChangeSeq: frame.last_change_seq });
        this.reloadLatest(frame.room).catch(() => undefined);
        return;
      case 'message': {
        const live = this.isLive(frame.room, frame.message);
        store.dispatch(frame.room, { type: 'message', message: frame.message });
        if (live) for (const listener of this.liveListeners) listener(frame.room, frame.message);
        if (this.mentionsMe(frame.message)) store.dispatch(frame.room, { type: 'mentioned', seq: frame.message.seq });
        this.readOwn(frame.room, frame.message.seq, frame.message.author.id);
        return;
      }
      case 'ack':
        this.outbox.acked(frame.client_id);
        store.dispatch(frame.message.room_id, { type: 'ack', message: frame.message });
        return;
      case 'message_edited':
      case 'message_deleted':
        store.dispatch(frame.room, { type: 'replace', message: frame.message });
        return;
      case 'typing':
        if (frame.user_id === this.userId) return;
        store.dispatch(frame.room, { type: 'typing', userId: frame.user_id, name: frame.display_name, now: Date.now() });
        return;
      case 'presence':
        // Several people at once: the server announces arrivals and departures together.
        for (const userId of frame.online) store.dispatchAll({ type: 'presence', userId, online: true });
        for (const userId of frame.offline) store.dispatchAll({ type: 'presence', userId, online: false });
        return;
      case 'error':
        if (frame.ref === 'join') this.joinRefused(frame.code, frame.reason);
        else if (frame.ref) this.outbox.refused(frame.ref, frame.code);
        return;
      case 'revoked':
        // The server already stopped sending this room: like a kick, without a way back in.
        this.forget(frame.room);
        store.dispatch(frame.room, { type: 'standing', action: 'revoked', reason: frame.reason });
        this.outbox.failRoom(frame.room, 'forbidden');
        return;
      case 'room':
        if (frame.action === 'deleted') {
          // The server has dropped every subscription to it already.
          this.forget(frame.room);
          store.dispatch(frame.room, { type: 'deleted' });
          this.outbox.failRoom(frame.room, 'not_found');
        }
        return;
      case 'member':
        if (frame.user_id !== this.userId) {
          if (LEAVING.has(frame.action)) store.dispatch(frame.room, { type: 'memberLeft', userId: frame.user_id });
          return;
        }
        if (frame.action === 'kicked' || frame.action === 'banned') {
          // The server already stopped sending this room to us: forget the subscription so
          // the next track() (after rejoining) sends a fresh `join`.
          this.forget(frame.room);
          this.outbox.failRoom(frame.room, frame.action === 'banned' ? 'banned' : 'forbidden');
        } else if (frame.action === 'joined' || frame.action === 'invited' || frame.action === 'unbanned') {
          // Let back in (this frame comes on my own channel): if a view still follows the
          // room, subscribe again now rather than waiting for some later track().
          if (this.tracked.has(frame.room) && !this.subscribed.has(frame.room)) this.join(frame.room);
        }
        store.dispatch(frame.room, { type: 'standing', action: frame.action, reason: frame.reason, until: frame.until });
        return;
      case 'read':
        // Read on another tab or device (or this one, echoed): the badges here clear too.
        store.dispatch(frame.room, { type: 'read', seq: frame.last_read_seq, mentions: frame.mentions });
        return;
      case 'upload':
        store.dispatch(frame.room, { type: 'upload', upload: frame.upload, changeSeq: frame.change_seq });
        return;
      case 'reactions':
        store.dispatch(frame.room, {
          type: 'reactions',
          messageId: frame.message_id,
          reactions: frame.reactions,
          changeSeq: frame.change_seq,
        });
        return;
      case 'pin':
        store.dispatch(frame.room, {
          type: 'pin',
          messageId: frame.message_id,
          pinnedAt: frame.pinned_at,
          pinnedBy: frame.pinned_by,
          changeSeq: frame.change_seq,
        });
        return;
      default:
        return;
    }
  }
}
