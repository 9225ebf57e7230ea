import { type QuotedMessage, UploadError, type UploadPublic } from '../api';
import { isReadableBlob, type StoredFile, type StoredSend } from './outboxStorage';
import { SendPacer } from './pacer';
import type { ClientFrame } from './protocol';
import type { RoomStore } from './store';

export const ACK_TIMEOUT_MS = 15_000;
export const RATE_LIMIT_RETRY_MS = 2_000;
/** A file that could not go up (offline, a server hiccup) is tried again this much later. */
export const UPLOAD_RETRY_MS = 5_000;

/** Sends a message's file to its room (api/uploads.ts uploadFile). */
export type FileUploader = (roomId: number, file: File) => Promise<UploadPublic>;

/** Upload refusals another try cannot change. */
const REFUSED = new Set(['tooLarge', 'unsupportedType', 'invalid', 'forbidden']);

interface Entry {
  roomId: number;
  clientId: string;
  body: string;
  attachments: readonly string[];
  /** Files still to upload (restored from an earlier page): it goes once they are up. */
  files: StoredFile[] | null;
  /** Names of files the browser did not keep: said so, the text goes without them. */
  lostFiles: readonly string[];
  /** The composer's, waiting for uploads it runs itself: stored, but neither shown nor sent. */
  held: boolean;
  uploading: boolean;
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
  private uploadRetry: ReturnType<typeof setTimeout> | null = null;
  private persist: ((entries: StoredSend[]) => void) | null = null;
  /** Stored entries are loading: nothing goes out until they are in, so they go first. */
  private restoring = false;

  constructor(
    private readonly store: RoomStore,
    private readonly transmit: (frame: ClientFrame) => boolean,
    /** Sends wait until the room is joined on the current socket (its backlog comes first). */
    private readonly isJoined: (roomId: number) => boolean,
    private readonly upload: FileUploader | null = null,
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
    this.admit({ roomId, clientId, body, attachments: [...attachments], queuedAt, ...(replyTo ? { replyTo } : {}) }, failed);
  }

  /**
   * The composer's message waiting for its files (features/chat): kept with them, so a tab
   * closed meanwhile leaves it for the next page to upload and send, under this client_id.
   * Called again as the files change; once it is sent (add with the same id) it is no
   * longer held, and a late call changes nothing.
   */
  holdForFiles(roomId: number, clientId: string, body: string, replyTo: QuotedMessage | null, files: StoredFile[]): void {
    const existing = this.entries.get(clientId);
    if (existing && !existing.held) return;
    const queuedAt = existing?.queuedAt ?? Date.now();
    this.entries.set(clientId, {
      ...this.entry({ roomId, clientId, body, queuedAt, ...(replyTo ? { replyTo } : {}) }, null),
      files,
      held: true,
    });
    this.save();
  }

  /** The composer gave its held message up (taken back, or kept as a draft). */
  releaseHeld(clientId: string): void {
    if (this.entries.get(clientId)?.held) this.forget(clientId);
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
    for (const entry of fresh) this.admit(readableFiles(entry), entry.failed ?? null);
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
    for (const entry of this.entries.values()) if (entry.failed === null && !entry.held) return true;
    return false;
  }

  /** The server's send limit (GET /api/config). */
  setRate(count: number, periodMs: number): void {
    this.pacer.setRate(count, periodMs);
  }

  retry(roomId: number, clientId: string): void {
    const entry = this.entries.get(clientId);
    if (!entry || entry.failed === null || entry.held) return;
    entry.failed = null;
    this.save();
    this.store.dispatch(roomId, { type: 'retrying', clientId });
  }

  discard(roomId: number, clientId: string): void {
    this.forget(clientId);
    this.store.dispatch(roomId, { type: 'discard', clientId });
  }

  /**
   * Sends every waiting entry (of joined rooms) that is not on the wire yet, in order, paced.
   * One still uploading its files holds back the later ones of its room, which must not
   * overtake it.
   */
  flush(): void {
    if (this.restoring) return;
    const uploadingRooms = new Set<number>();
    for (const entry of this.entries.values()) {
      if (entry.held || entry.inFlight || entry.failed !== null || uploadingRooms.has(entry.roomId)) continue;
      if (entry.files) {
        uploadingRooms.add(entry.roomId);
        this.uploadFiles(entry);
        continue;
      }
      if (!this.isJoined(entry.roomId)) continue;
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
      if (entry.roomId === roomId && entry.failed === null && !entry.inFlight && !entry.held) this.fail(entry.clientId, code);
    }
  }

  /** Whatever was on the old socket goes again on the next one. */
  socketLost(): void {
    for (const entry of this.entries.values()) {
      this.clearTimer(entry);
      entry.inFlight = false;
    }
  }

  /** Takes an entry in and shows it (a held one of the composer becomes an ordinary send). */
  private admit(stored: StoredSend, failed: string | null): void {
    const existing = this.entries.get(stored.clientId);
    if (existing && !existing.held) return;
    if (existing) this.entries.delete(stored.clientId);
    const entry = this.entry(stored, failed);
    this.entries.set(entry.clientId, entry);
    const { roomId, clientId, body, attachments, replyTo, queuedAt } = entry;
    this.store.dispatch(roomId, {
      type: 'queued',
      clientId,
      body,
      attachments,
      now: queuedAt,
      ...(entry.files ? { files: entry.files.map((file) => file.name) } : {}),
      ...(entry.lostFiles.length > 0 ? { lostFiles: entry.lostFiles } : {}),
      ...(replyTo ? { replyTo } : {}),
    });
    if (entry.failed !== null) this.store.dispatch(roomId, { type: 'failed', clientId, error: entry.failed });
    this.save();
  }

  private entry(stored: StoredSend, failed: string | null): Entry {
    const lostFiles = stored.lostFiles ?? [];
    return {
      roomId: stored.roomId,
      clientId: stored.clientId,
      body: stored.body,
      attachments: stored.attachments ?? [],
      files: stored.files && stored.files.length > 0 ? stored.files : null,
      lostFiles,
      held: false,
      uploading: false,
      replyTo: stored.replyTo ?? null,
      // Files it was written with are gone: it waits for the user, who may send the text alone.
      failed: failed ?? (lostFiles.length > 0 ? 'attachment_lost' : null),
      queuedAt: stored.queuedAt ?? Date.now(),
      inFlight: false,
      timer: null,
    };
  }

  /** Uploads the entry's files one after another; once all are up, it goes like any other. */
  private uploadFiles(entry: Entry): void {
    if (entry.uploading || !entry.files) return;
    const upload = this.upload;
    if (!upload) {
      this.fail(entry.clientId, 'upload_refused');
      return;
    }
    entry.uploading = true;
    const files = entry.files;
    const current = () => this.entries.get(entry.clientId) === entry;
    const run = async () => {
      for (const file of files) {
        if (file.uploadId !== undefined || !file.blob) continue;
        const uploaded = await upload(entry.roomId, new File([file.blob], file.name, { type: file.type }));
        if (uploaded.status === 'failed') throw new UploadError('invalid', 422);
        file.uploadId = uploaded.id;
        // Kept as soon as it is up: a page closed now does not upload it again.
        if (current()) this.save();
      }
    };
    run().then(
      () => {
        if (!current()) return; // discarded meanwhile
        entry.uploading = false;
        entry.attachments = [...entry.attachments, ...files.flatMap((file) => (file.uploadId ? [file.uploadId] : []))];
        entry.files = null;
        this.save();
        this.flush();
      },
      (error: unknown) => {
        if (!current()) return;
        entry.uploading = false;
        if (error instanceof UploadError && REFUSED.has(error.kind)) {
          this.fail(entry.clientId, 'upload_refused');
          return;
        }
        this.uploadRetry ??= setTimeout(() => {
          this.uploadRetry = null;
          this.flush();
        }, UPLOAD_RETRY_MS);
      },
    );
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
      [...this.entries.values()].map(
        ({ roomId, clientId, body, attachments, files, lostFiles, replyTo, failed, queuedAt }) => ({
          roomId,
          clientId,
          body,
          queuedAt,
          ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
          ...(files ? { files: files.map((file) => ({ ...file })) } : {}),
          ...(lostFiles.length > 0 ? { lostFiles: [...lostFiles] } : {}),
          ...(replyTo ? { replyTo } : {}),
          ...(failed !== null ? { failed } : {}),
        }),
      ),
    );
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
  }
}

/**
 * A stored entry's files as far as they came back: a store that could not keep a file's
 * bytes gave back none (or a bare object); unless it was uploaded already, that file is lost.
 */
function readableFiles(stored: StoredSend): StoredSend {
  if (!stored.files) return stored;
  const files: StoredFile[] = [];
  const lost = [...(stored.lostFiles ?? [])];
  for (const file of stored.files) {
    if (file.uploadId !== undefined || isReadableBlob(file.blob)) files.push(file);
    else lost.push(file.name);
  }
  return { ...stored, files, lostFiles: lost };
}
