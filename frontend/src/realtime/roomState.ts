/**
 * One room's live state and the only code that changes it. Every socket frame and every
 * REST page is turned into an action and applied here, so ordering, dedupe and
 * optimistic sends have one definition (and one set of tests).
 */
import type { QuotedMessage, ReactionPublic, UploadPublic } from '../api';
import type { WireMessage } from './protocol';
import { refreshQuotes } from './quotes';
import { applyMemberChange, type MemberChange, type MyStanding, noStanding } from './standing';

export const TYPING_VISIBLE_MS = 4000;

export type SendStatus = 'pending' | 'failed';

export interface PendingSend {
  clientId: string;
  body: string;
  /** Upload ids sent with the message. */
  attachments?: readonly string[];
  /** Names of files that go up before it is sent (restored from a page closed meanwhile). */
  files?: readonly string[];
  /** Names of files the browser did not keep: they must be attached again. */
  lostFiles?: readonly string[];
  /** The message this one answers, quoted as the reply will show it. */
  replyTo?: QuotedMessage;
  status: SendStatus;
  /** The server's error code when it refused the send, or 'timeout'. */
  error: string | null;
  createdAt: number;
}

export interface TypingUser {
  userId: number;
  name: string;
  until: number;
}

export interface RoomState {
  /** Ascending by seq, one entry per seq. */
  messages: readonly WireMessage[];
  /** Highest seq received from the live stream or a page (the unread count's end). */
  lastSeq: number;
  /**
   * Highest change of the room's change log applied from the stream (docs/protocol.md,
   * "Resume"): where `join {since}` resumes, so edits, deletions and attachment states
   * missed while away are replayed too. Pages never move it: a page is not gapless.
   */
  lastChangeSeq: number;
  lastReadSeq: number;
  seeded: boolean;
  historyLoaded: boolean;
  /** Older history exists on the server before messages[0]. */
  hasMore: boolean;
  pending: readonly PendingSend[];
  typing: readonly TypingUser[];
  online: ReadonlySet<number>;
  /** Kicked, banned or muted: from member frames about me, or a refused `join`. */
  standing: MyStanding;
  /** The room no longer exists for me: deleted, or the server says there is none. */
  gone: boolean;
  /** The latest state of every upload an `upload` frame told us about, by id. */
  uploads: Readonly<Record<string, UploadPublic>>;
  /**
   * Unread mentions of me: the server's count (RoomPublic.mentions) as of seq
   * `seededThrough`, plus the seqs of mentions that arrived live since. Reading past
   * `seededThrough` clears the server's part; a fresher seed replaces it.
   */
  mentions: { seeded: number; seededThrough: number; live: readonly number[] };
}

export const emptyRoom: RoomState = {
  messages: [],
  lastSeq: 0,
  lastChangeSeq: 0,
  lastReadSeq: 0,
  seeded: false,
  historyLoaded: false,
  hasMore: false,
  pending: [],
  typing: [],
  online: new Set(),
  standing: noStanding,
  gone: false,
  uploads: {},
  mentions: { seeded: 0, seededThrough: 0, live: [] },
};

export type RoomAction =
  | { type: 'seed'; lastSeq: number; lastChangeSeq: number; lastReadSeq: number; mentionCount?: number }
  /** A new message (seq) names me or calls the room; the client knows who "me" is. */
  | { type: 'mentioned'; seq: number }
  | { type: 'page'; messages: readonly WireMessage[]; hasMore: boolean; latest: boolean }
  | { type: 'message'; message: WireMessage }
  | { type: 'ack'; message: WireMessage }
  | { type: 'replace'; message: WireMessage }
  | { type: 'reset'; lastSeq: number; lastChangeSeq: number }
  | { type: 'joined'; online: readonly number[]; lastChangeSeq: number | null }
  | { type: 'presence'; userId: number; online: boolean }
  /** Someone else left, was kicked or banned: no longer one of the room's online members. */
  | { type: 'memberLeft'; userId: number }
  /** The server refused to let this socket follow the room (`error` answering `join`). */
  | { type: 'joinRefused'; code: string; reason?: string }
  | { type: 'deleted' }
  | { type: 'typing'; userId: number; name: string; now: number }
  | { type: 'typingPrune'; now: number }
  /** `mentions`: the server's count of what stays unread past `seq` (a `read` frame). */
  | { type: 'read'; seq: number; mentions?: number }
  | {
      type: 'queued';
      clientId: string;
      body: string;
      now: number;
      attachments?: readonly string[];
      files?: readonly string[];
      lostFiles?: readonly string[];
      replyTo?: QuotedMessage;
    }
  | { type: 'upload'; upload: UploadPublic; changeSeq?: number | null }
  /** A `reactions` frame: the message's reactions as of change `changeSeq`. */
  | { type: 'reactions'; messageId: number; reactions: ReactionPublic[]; changeSeq: number }
  /** A `pin` frame: the message pinned (`pinnedAt` set) or unpinned (null) as of change `changeSeq`. */
  | { type: 'pin'; messageId: number; pinnedAt: string | null; pinnedBy: number | null; changeSeq: number }
  | { type: 'failed'; clientId: string; error: string }
  | { type: 'retrying'; clientId: string }
  | { type: 'discard'; clientId: string }
  | ({ type: 'standing' } & MemberChange);

/** Inserts or replaces by seq, keeping the array sorted; returns the same array if unchanged. */
export function upsertBySeq(list: readonly WireMessage[], message: WireMessage): readonly WireMessage[] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid]?.seq ?? 0) < message.seq) low = mid + 1;
    else high = mid;
  }
  const next = [...list];
  if (list[low]?.seq === message.seq) next[low] = message;
  else next.splice(low, 0, message);
  return next;
}

function mergePage(list: readonly WireMessage[], page: readonly WireMessage[]): WireMessage[] {
  const bySeq = new Map<number, WireMessage>();
  for (const message of list) bySeq.set(message.seq, message);
  for (const message of page) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

// An upload only moves forward (pending → processing → ready | failed); a message or
// page fetched before a frame must not take an attachment back to "processing".
const UPLOAD_STAGE: Record<string, number> = { pending: 0, processing: 1, ready: 2, failed: 2 };

function fresher(known: UploadPublic | undefined, incoming: UploadPublic): UploadPublic {
  if (!known) return incoming;
  return (UPLOAD_STAGE[known.status] ?? 0) > (UPLOAD_STAGE[incoming.status] ?? 0) ? known : incoming;
}

/** The message with its attachments brought up to what `upload` frames have said. */
function withKnownUploads(message: WireMessage, uploads: RoomState['uploads']): WireMessage {
  const attachments = message.attachments;
  if (!attachments?.some((upload) => fresher(uploads[upload.id], upload) !== upload)) return message;
  return { ...message, attachments: attachments.map((upload) => fresher(uploads[upload.id], upload)) };
}

function applyUpload(state: RoomState, upload: UploadPublic): RoomState {
  const current = fresher(state.uploads[upload.id], upload);
  if (current !== upload) return state;
  const carries = (message: WireMessage) => message.attachments?.some((attachment) => attachment.id === upload.id);
  const messages = state.messages.some(carries)
    ? state.messages.map((message) =>
        carries(message)
          ? { ...message, attachments: message.attachments?.map((item) => (item.id === upload.id ? upload : item)) }
          : message,
      )
    : state.messages;
  return {
    ...state,
    messages,
    uploads: { ...state.uploads, [upload.id]: upload },
  };
}

function withoutPending(state: RoomState, clientId: string): readonly PendingSend[] {
  return state.pending.some((entry) => entry.clientId === clientId)
    ? state.pending.filter((entry) => entry.clientId !== clientId)
    : state.pending;
}

function updatePending(state: RoomState, clientId: string, change: Partial<PendingSend>): RoomState {
  if (!state.pending.some((entry) => entry.clientId === clientId)) return state;
  return {
    ...state,
    pending: state.pending.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry)),
  };
}

function applyPage(state: RoomState, action: Extract<RoomAction, { type: 'page' }>): RoomState {
  const pageMax = action.messages.at(-1)?.seq ?? 0;
  if (!action.latest) {
    return { ...state, messages: mergePage(state.messages, action.messages), hasMore: action.hasMore };
  }
  // The latest page replaces what we had, except live messages newer than it, so the
  // window stays contiguous (no hole between old live messages and the new page).
  const newer = state.messages.filter((message) => message.seq > pageMax);
  return {
    ...state,
    messages: mergePage(newer, action.messages),
    hasMore: action.hasMore,
    historyLoaded: true,
    lastSeq: Math.max(state.lastSeq, pageMax),
  };
}

function advanced(state: RoomState, changeSeq: number | null | undefined): RoomState {
  return changeSeq != null && changeSeq > state.lastChangeSeq ? { ...state, lastChangeSeq: changeSeq } : state;
}

function applyMessage(state: RoomState, message: WireMessage): RoomState {
  if (message.seq > state.lastSeq) {
    // New to us: the message stream is gapless, so it extends the window at its end.
    return advanced(
      {
        ...state,
        messages: upsertBySeq(state.messages, message),
        lastSeq: message.seq,
        pending: withoutPending(state, message.client_id),
        typing: state.typing.filter((user) => user.userId !== message.author.id),
      },
      message.change_seq,
    );
  }
  // A replayed change (an edit or a tombstone while we were away): its latest state
  // replaces what we hold; one outside the loaded window waits for its page.
  if (message.change_seq <= state.lastChangeSeq) return state;
  return advanced(replaceHeld(state, message), message.change_seq);
}

/** New reactions on a message we hold; a frame older than what we hold changes nothing. */
function applyReactions(state: RoomState, messageId: number, reactions: ReactionPublic[], changeSeq: number): RoomState {
  const held = state.messages.find((message) => message.id === messageId);
  if (!held || held.change_seq >= changeSeq) return state;
  return { ...state, messages: upsertBySeq(state.messages, { ...held, reactions, change_seq: changeSeq }) };
}

function applyPin(state: RoomState, action: Extract<RoomAction, { type: 'pin' }>): RoomState {
  const held = state.messages.find((message) => message.id === action.messageId);
  if (!held || held.change_seq >= action.changeSeq) return state;
  const pinned = { ...held, pinned_at: action.pinnedAt, pinned_by: action.pinnedBy, change_seq: action.changeSeq };
  return { ...state, messages: upsertBySeq(state.messages, pinned) };
}

function replaceHeld(state: RoomState, message: WireMessage): RoomState {
  // Replies quoting it follow its edit or deletion, even when the original is not loaded.
  const quoting = refreshQuotes(state.messages, message);
  if (!quoting.some((held) => held.seq === message.seq)) {
    return quoting === state.messages ? state : { ...state, messages: quoting };
  }
  return { ...state, messages: upsertBySeq(quoting, message) };
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'seed': {
      const seededState = withMentionSeed(state, action);
      // Once a stream or a page has set the position, a REST number (possibly fresher than
      // frames still in flight) must not move it: those frames would then be dropped.
      if (state.seeded || state.historyLoaded || state.messages.length > 0) {
        const read = roomReducer(seededState, { type: 'read', seq: action.lastReadSeq });
        return read.seeded ? read : { ...read, seeded: true };
      }
      return {
        ...seededState,
        seeded: true,
        lastSeq: Math.max(state.lastSeq, action.lastSeq),
        lastChangeSeq: Math.max(state.lastChangeSeq, action.lastChangeSeq),
        lastReadSeq: Math.max(state.lastReadSeq, action.lastReadSeq),
      };
    }
    case 'page':
      return applyPage(state, {
        ...action,
        messages: action.messages.map((message) => withKnownUploads(message, state.uploads)),
      });
    case 'message':
      return applyMessage(state, withKnownUploads(action.message, state.uploads));
    case 'ack':
      // Not a stream position: an ack can overtake the broadcast of an earlier seq, so
      // lastSeq stays put and the later `message` frame for this seq is applied idempotently.
      return {
        ...state,
        messages: upsertBySeq(state.messages, withKnownUploads(action.message, state.uploads)),
        pending: withoutPending(state, action.message.client_id),
      };
    case 'replace':
      // Edits and tombstones only matter for messages we hold; the position moves anyway.
      return advanced(replaceHeld(state, withKnownUploads(action.message, state.uploads)), action.message.change_seq);
    case 'reset':
      return {
        ...state,
        lastSeq: Math.max(state.lastSeq, action.lastSeq),
        lastChangeSeq: Math.max(state.lastChangeSeq, action.lastChangeSeq),
        historyLoaded: false,
      };
    case 'joined': {
      // Being let in proves the room exists and that I am not banned from it (an unban
      // may have happened while this tab was offline and heard no frame).
      const standing =
        state.standing.removed === 'banned' ? { ...state.standing, removed: null, reason: '' } : state.standing;
      // A join without `since` starts the stream at the room's current change (with
      // `since`, the replay that follows moves it, so it is null then).
      return { ...advanced(state, action.lastChangeSeq), online: new Set(action.online), gone: false, standing };
    }
    case 'presence': {
      if (state.online.has(action.userId) === action.online) return state;
      const online = new Set(state.online);
      if (action.online) online.add(action.userId);
      else online.delete(action.userId);
      return { ...state, online };
    }
    case 'memberLeft':
      return roomReducer(state, { type: 'presence', userId: action.userId, online: false });
    case 'joinRefused':
      if (action.code === 'banned') {
        // A reload forgets the `member banned` frame; the refusal says it again, with its reason.
        const reason = action.reason ?? (state.standing.removed === 'banned' ? state.standing.reason : '');
        const standing = state.standing;
        if (standing.removed === 'banned' && standing.reason === reason) return state;
        return { ...state, standing: { removed: 'banned', reason, mutedUntil: null } };
      }
      if (action.code === 'kicked') {
        // The same news as the `member kicked` frame (opening the room again later, say):
        // shown the same way, keeping a reason already known.
        if (state.standing.removed === 'kicked') return state;
        return { ...state, standing: { removed: 'kicked', reason: action.reason ?? '', mutedUntil: null } };
      }
      return action.code === 'not_found' ? { ...state, gone: true } : state;
    case 'deleted':
      return state.gone ? state : { ...state, gone: true };
    case 'typing': {
      const others = state.typing.filter((user) => user.userId !== action.userId);
      const entry = { userId: action.userId, name: action.name, until: action.now + TYPING_VISIBLE_MS };
      return { ...state, typing: [...others, entry] };
    }
    case 'typingPrune': {
      const typing = state.typing.filter((user) => user.until > action.now);
      return typing.length === state.typing.length ? state : { ...state, typing };
    }
    case 'read':
      if (action.seq <= state.lastReadSeq) return state;
      return withServerMentions({ ...state, lastReadSeq: action.seq }, action.mentions);
    case 'queued': {
      const entry: PendingSend = {
        clientId: action.clientId,
        body: action.body,
        ...(action.attachments?.length ? { attachments: action.attachments } : {}),
        ...(action.files?.length ? { files: action.files } : {}),
        ...(action.lostFiles?.length ? { lostFiles: action.lostFiles } : {}),
        ...(action.replyTo ? { replyTo: action.replyTo } : {}),
        status: 'pending',
        error: null,
        createdAt: action.now,
      };
      // A send restored from an earlier page is older than any made on this one: it goes first.
      const at = state.pending.findIndex((other) => other.createdAt > action.now);
      if (at < 0) return { ...state, pending: [...state.pending, entry] };
      return { ...state, pending: [...state.pending.slice(0, at), entry, ...state.pending.slice(at)] };
    }
    case 'failed':
      return updatePending(state, action.clientId, { status: 'failed', error: action.error });
    case 'retrying':
      return updatePending(state, action.clientId, { status: 'pending', error: null });
    case 'discard':
      return { ...state, pending: withoutPending(state, action.clientId) };
    case 'standing': {
      const standing = applyMemberChange(state.standing, action);
      return standing === state.standing ? state : { ...state, standing };
    }
    case 'upload':
      return advanced(applyUpload(state, action.upload), action.changeSeq);
    case 'mentioned':
      if (action.seq <= state.mentions.seededThrough || state.mentions.live.includes(action.seq)) return state;
      return { ...state, mentions: { ...state.mentions, live: [...state.mentions.live, action.seq] } };
    case 'reactions':
      return advanced(applyReactions(state, action.messageId, action.reactions, action.changeSeq), action.changeSeq);
    case 'pin':
      return advanced(applyPin(state, action), action.changeSeq);
  }
}

/** A seed from the room list: its mention count, unless an older list's than what we hold. */
function withMentionSeed(state: RoomState, action: Extract<RoomAction, { type: 'seed' }>): RoomState {
  if (action.mentionCount === undefined || action.lastSeq < state.mentions.seededThrough) return state;
  return {
    ...state,
    mentions: {
      seeded: action.mentionCount,
      seededThrough: action.lastSeq,
      live: state.mentions.live.filter((seq) => seq > action.lastSeq),
    },
  };
}

/**
 * Read elsewhere: the room list's seed counted mentions without saying which messages
 * they were, so only the server can say how many a partial read left.
 */
function withServerMentions(state: RoomState, mentions: number | undefined): RoomState {
  if (mentions === undefined) return state;
  const through = Math.max(state.mentions.seededThrough, state.lastSeq);
  return {
    ...state,
    mentions: { seeded: mentions, seededThrough: through, live: state.mentions.live.filter((seq) => seq > through) },
  };
}

/** Unread messages that name me or call the room. */
export function unreadMentions(state: RoomState): number {
  const { seeded, seededThrough, live } = state.mentions;
  const fromServer = state.lastReadSeq >= seededThrough ? 0 : seeded;
  return fromServer + live.filter((seq) => seq > state.lastReadSeq).length;
}

export function unreadCount(state: RoomState): number {
  return Math.max(0, state.lastSeq - state.lastReadSeq);
}
