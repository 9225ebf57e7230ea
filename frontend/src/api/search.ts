import { unwrap } from './errors';
import {
  messagesPinMessage,
  messagesUnpinMessage,
  roomsListPins,
  roomsMessageAt,
  searchSearchMessages,
  type MessageAt,
  type MessagePublic,
  type SearchPage,
} from './generated';

/** GET /api/search: matches newest first; dates in `before:`/`after:` are days of `tz`. */
export const searchMessages = (q: string, cursor: string | null, tz: string): Promise<SearchPage> =>
  unwrap(searchSearchMessages({ query: { q, cursor, limit: 25, tz } }));

/** GET /api/rooms/{id}/pins: the room's pinned messages. */
export const listPins = (roomId: number): Promise<MessagePublic[]> =>
  unwrap(roomsListPins({ path: { room_id: roomId } }));

export const pinMessage = (messageId: number): Promise<MessagePublic> =>
  unwrap(messagesPinMessage({ path: { message_id: messageId } }));

export const unpinMessage = (messageId: number): Promise<MessagePublic> =>
  unwrap(messagesUnpinMessage({ path: { message_id: messageId } }));

/** The first message at or after `time` (ISO with its offset); seq null when there is none. */
export const messageAt = (roomId: number, time: string): Promise<MessageAt> =>
  unwrap(roomsMessageAt({ path: { room_id: roomId }, query: { time } }));
