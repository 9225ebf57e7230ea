/* Generated from frontend/protocol.json by `npm run gen:protocol`: do not edit.
 * The backend's catalogue (backend/parley/realtime/protocol.py) is the source; run
 * `make openapi` after changing it. */

export type ClientFrame = AuthFrame | JoinFrame | JoinRoomsFrame | LeaveFrame | SendFrame | TypingFrame | PingFrame;
export type ServerFrame =
  | ReadyFrame
  | ReauthenticatedFrame
  | PongFrame
  | JoinedFrame
  | LeftFrame
  | ResetFrame
  | AckFrame
  | MessageFrame
  | MessageEditedFrame
  | MessageDeletedFrame
  | ReactionsFrame
  | PinFrame
  | TypingNoticeFrame
  | PresenceFrame
  | ProfileFrame
  | ReadFrame
  | ReceiptFrame
  | ReportsFrame
  | NotificationsFrame
  | PreferencesFrame
  | MemberFrame
  | RoomFrame
  | UploadFrame
  | RevokedFrame
  | ErrorFrame;
export type UploadStatus = 'pending' | 'processing' | 'ready' | 'failed';
/**
 * What of a room reaches a member as a notification (the unread count is separate).
 */
export type NotifyLevel = 'all' | 'mentions' | 'nothing';
export type ErrorCode =
  | 'bad_json'
  | 'unknown_type'
  | 'invalid'
  | 'internal'
  | 'not_found'
  | 'forbidden'
  | 'locked'
  | 'muted'
  | 'banned'
  | 'kicked'
  | 'slow_mode'
  | 'rate_limited'
  | 'unauthorized'
  | 'conflict'
  | 'too_large'
  | 'unsupported_type';
/**
 * Why the server (or the network) ended a socket; docs/protocol.md says what to do.
 */
export type CloseCode = 1000 | 1001 | 1009 | 1011 | 1012 | 1013 | 4401 | 4403 | 4408 | 4429;

/**
 * The frames of Parley's /ws socket (docs/protocol.md). A client sends ClientFrame objects and receives ServerFrame objects, one JSON text frame each.
 */
export interface ParleyProtocol {
  ClientFrame: ClientFrame;
  ServerFrame: ServerFrame;
  CloseCode: CloseCode;
}
/**
 * First frame (within 5 s), or a token refresh on an open socket.
 */
export interface AuthFrame {
  type: 'auth';
  token: string;
}
/**
 * Receive a room live, after replaying every message with seq > since.
 */
export interface JoinFrame {
  type: 'join';
  room: number;
  since?: number | null;
}
/**
 * Several joins in one frame, as a reconnect needs: answered exactly as that many
 * `join` frames in the same order (a `joined` and its replay, or an `error` with ref
 * "join", per room), but read from the database in a few queries for all of them.
 */
export interface JoinRoomsFrame {
  type: 'join_rooms';
  /**
   * @minItems 1
   * @maxItems 500
   */
  rooms: [JoinTarget, ...JoinTarget[]];
}
/**
 * One room of a `join_rooms`: the same fields as a `join`.
 */
export interface JoinTarget {
  room: number;
  since?: number | null;
}
/**
 * Stop receiving a room (membership is unchanged).
 */
export interface LeaveFrame {
  type: 'leave';
  room: number;
}
/**
 * Post a message; `client_id` is reused on every retry of the same message.
 */
export interface SendFrame {
  type: 'send';
  room: number;
  client_id: string;
  body: string;
  /**
   * @maxItems 10
   */
  attachments?: string[];
  reply_to?: number | null;
}
/**
 * "I am typing" (the server throttles it to one notice per user and room every 2 s).
 */
export interface TypingFrame {
  type: 'typing';
  room: number;
}
/**
 * Answered with `pong`: lets the client notice a dead socket.
 */
export interface PingFrame {
  type: 'ping';
}
/**
 * Answer to the first `auth`: the socket is authenticated as `user`.
 */
export interface ReadyFrame {
  type: 'ready';
  user: UserPublic;
}
export interface UserPublic {
  display_name: string;
  id: number;
  username: string;
  role: string;
  created_at: string;
  avatar_url: string | null;
  read_receipts: boolean;
  locale: string | null;
  theme: string | null;
  email: string | null;
}
/**
 * Answer to a later `auth`: the socket now lives until `expires_at`.
 */
export interface ReauthenticatedFrame {
  type: 'reauthenticated';
  expires_at: string;
}
/**
 * Answer to `ping`.
 */
export interface PongFrame {
  type: 'pong';
}
/**
 * Answer to `join`; the backlog `message` frames follow, then live traffic.
 */
export interface JoinedFrame {
  type: 'joined';
  room: number;
  last_seq: number;
  last_change_seq: number;
  online: number[];
}
/**
 * Answer to `leave`.
 */
export interface LeftFrame {
  type: 'left';
  room: number;
}
/**
 * Instead of the backlog when too much is missing: reload the latest page over REST.
 */
export interface ResetFrame {
  type: 'reset';
  room: number;
  last_seq: number;
  last_change_seq: number;
}
/**
 * To the sender, once its `send` is committed (`duplicate`: a retry of a stored one).
 */
export interface AckFrame {
  type: 'ack';
  client_id: string;
  duplicate: boolean;
  message: MessagePublic;
}
export interface MessagePublic {
  id: number;
  room_id: number;
  seq: number;
  change_seq: number;
  author: AuthorPublic;
  body: string;
  client_id: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: number | null;
  attachments: UploadPublic[];
  reactions: ReactionPublic[];
  reply_to: QuotedMessage | null;
  mentions: number[];
  mentions_room: boolean;
  pinned_at: string | null;
  pinned_by: number | null;
}
export interface AuthorPublic {
  id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
}
export interface UploadPublic {
  id: string;
  room_id: number;
  uploader_id: number;
  message_id: number | null;
  name: string;
  size: number;
  mime: string;
  status: UploadStatus;
  failure_reason: string | null;
  width: number | null;
  height: number | null;
  has_thumbnail: boolean;
  created_at: string;
}
/**
 * One emoji on a message: how many people chose it and who, first come first.
 */
export interface ReactionPublic {
  emoji: string;
  count: number;
  user_ids: number[];
}
/**
 * The original a reply answers, as the reply shows it: who, where, the start of it.
 */
export interface QuotedMessage {
  id: number;
  seq: number;
  author: AuthorPublic;
  snippet: string;
  deleted: boolean;
}
/**
 * A new message, to every socket that joined the room (the sender's too).
 */
export interface MessageFrame {
  type: 'message';
  room: number;
  message: MessagePublic;
}
/**
 * A message was edited (`edited_at` set).
 */
export interface MessageEditedFrame {
  type: 'message_edited';
  room: number;
  message: MessagePublic;
}
/**
 * A message was deleted: a tombstone with an empty body and `deleted_at` set.
 */
export interface MessageDeletedFrame {
  type: 'message_deleted';
  room: number;
  message: MessagePublic;
}
/**
 * A message's reactions changed: all of them, in order of first use.
 */
export interface ReactionsFrame {
  type: 'reactions';
  room: number;
  message_id: number;
  change_seq: number;
  reactions: ReactionPublic[];
}
/**
 * A message was pinned (`pinned_at` set) or unpinned (null). A client that was away
 * gets the message in its latest state on resume, pin included.
 */
export interface PinFrame {
  type: 'pin';
  room: number;
  message_id: number;
  change_seq: number;
  pinned_at: string | null;
  pinned_by: number | null;
}
/**
 * Someone in the room is typing.
 */
export interface TypingNoticeFrame {
  type: 'typing';
  room: number;
  user_id: number;
  display_name: string;
}
/**
 * Members of a joined room who came online (first tab) or went offline (last tab)
 * since the last such frame; changes are announced together, a few times a second at
 * most, so a reconnect storm does not cost every socket one frame per arrival.
 */
export interface PresenceFrame {
  type: 'presence';
  online: number[];
  offline: number[];
}
/**
 * Someone who shares a room with you (or you, in another tab) changed their display
 * name or avatar: `user` is their public profile now.
 */
export interface ProfileFrame {
  type: 'profile';
  user: AuthorPublic;
}
/**
 * Your read position in a room moved, on this or another tab or device; `unread` and
 * `mentions` are what remains unread there (the server's counts, as in the room list).
 */
export interface ReadFrame {
  type: 'read';
  room: number;
  last_read_seq: number;
  unread: number;
  mentions: number;
}
/**
 * Someone in a room you share moved their read position: sent only when both of you
 * turned read receipts on and the room is small (services.receipts).
 */
export interface ReceiptFrame {
  type: 'receipt';
  room: number;
  user_id: number;
  last_read_seq: number;
}
/**
 * The room's open reports changed (one was filed, resolved or dismissed): sent only
 * to those who work its queue (its owner and moderators, site admins), as the room
 * list's `open_reports` would now say.
 */
export interface ReportsFrame {
  type: 'reports';
  room: number;
  open_reports: number;
}
/**
 * You changed what of a room notifies you (on this or another tab or device).
 */
export interface NotificationsFrame {
  type: 'notifications';
  room: number;
  settings: NotificationSettings;
}
/**
 * A member's notification choice for one room, as it is in effect.
 */
export interface NotificationSettings {
  level: NotifyLevel;
  muted: boolean;
  is_default: boolean;
}
/**
 * You changed your language, theme or read receipts (on this or another tab or
 * device): apply them here too.
 */
export interface PreferencesFrame {
  type: 'preferences';
  locale: string | null;
  theme: string | null;
  read_receipts: boolean;
}
/**
 * A membership changed; also sent to the affected user's own sockets.
 */
export interface MemberFrame {
  type: 'member';
  room: number;
  user_id: number;
  action:
    | 'joined'
    | 'left'
    | 'invited'
    | 'removed'
    | 'kicked'
    | 'banned'
    | 'unbanned'
    | 'muted'
    | 'unmuted'
    | 'promoted'
    | 'demoted';
  reason: string;
  until: string | null;
}
/**
 * The room was updated (name, topic, lock, slow mode) or deleted.
 */
export interface RoomFrame {
  type: 'room';
  room: number;
  action: 'updated' | 'deleted';
  data: RoomSummary;
}
/**
 * The room as every member sees it; the `room` frame carries this to all of them.
 */
export interface RoomSummary {
  name: string;
  topic: string;
  is_private: boolean;
  id: number;
  locked: boolean;
  created_by: number | null;
  created_at: string;
  last_seq: number;
  last_change_seq: number;
  slow_mode_seconds: number;
  member_count: number;
  kind: 'room' | 'dm';
}
/**
 * An upload changed state (to the uploader; once attached, to the whole room).
 */
export interface UploadFrame {
  type: 'upload';
  room: number;
  upload: UploadPublic;
  change_seq: number | null;
}
/**
 * The right to read the room ended (it went private, an admin was demoted): the
 * server has stopped sending it to this socket.
 */
export interface RevokedFrame {
  type: 'revoked';
  room: number;
  reason: string;
}
/**
 * A frame was refused; the socket stays open. `ref`: its client_id, or its type.
 */
export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  detail: string;
  ref: string | null;
  reason: string | null;
}

/** CloseCode's values by name. */
export const CloseCodes = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  FRAME_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  SERVER_RESTARTING: 1012,
  TRY_AGAIN_LATER: 1013,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  TOO_SLOW: 4408,
  FLOODING: 4429,
} as const satisfies Record<string, CloseCode>;
