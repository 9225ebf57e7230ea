import { unwrap } from './errors';
import {
  messagesAddReaction,
  messagesEditMessage,
  messagesRemoveReaction,
  roomsCreateRoom,
  roomsInviteMember,
  roomsJoinRoom,
  roomsLeaveRoom,
  roomsListMembers,
  roomsListMessages,
  roomsListRooms,
  roomsMarkRead,
  roomsReadRoom,
} from './generated';
import type {
  MemberPublic,
  MessagePage,
  MessagePublic,
  ReactionPublic,
  RoomCreate,
  RoomPage,
  RoomPublic,
  RoomsListRoomsData,
} from './generated';

// Thin wrappers so screens and the socket client see data or an ApiError, never the
// generated client's {data, error} pairs.

export type RoomListQuery = NonNullable<RoomsListRoomsData['query']>;

/**
 * One page of public rooms plus the private rooms I am in, in name order; `my_role` is
 * null where I am not a member. Pass `next_cursor` back as `cursor` for the next page.
 */
export const listRooms = (query: RoomListQuery = {}): Promise<RoomPage> =>
  unwrap(roomsListRooms({ query }));

const MY_ROOMS_PAGE = 200;

/** Every room I am a member of: my own list is mine to size, so all pages are fetched. */
export async function listMyRooms(): Promise<RoomPublic[]> {
  const rooms: RoomPublic[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await listRooms({ joined: true, limit: MY_ROOMS_PAGE, cursor });
    rooms.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return rooms;
}

export const readRoom = (roomId: number): Promise<RoomPublic> =>
  unwrap(roomsReadRoom({ path: { room_id: roomId } }));

export const createRoom = (room: RoomCreate): Promise<RoomPublic> =>
  unwrap(roomsCreateRoom({ body: room }));

export const joinRoom = (roomId: number): Promise<RoomPublic> =>
  unwrap(roomsJoinRoom({ path: { room_id: roomId } }));

export const leaveRoom = (roomId: number): Promise<unknown> =>
  unwrap(roomsLeaveRoom({ path: { room_id: roomId } }));

export const listMembers = (roomId: number): Promise<MemberPublic[]> =>
  unwrap(roomsListMembers({ path: { room_id: roomId } }));

export const inviteMember = (roomId: number, username: string): Promise<MemberPublic> =>
  unwrap(roomsInviteMember({ path: { room_id: roomId }, body: { username } }));

/** A page of history, oldest first; without `beforeSeq` the latest page. */
export const listMessages = (
  roomId: number,
  options: { beforeSeq?: number; limit?: number } = {},
): Promise<MessagePage> =>
  unwrap(
    roomsListMessages({
      path: { room_id: roomId },
      query: { before_seq: options.beforeSeq ?? null, limit: options.limit ?? 50 },
    }),
  );

/** `keepalive`: sent as the page goes away (a reload, a closed tab), so it still arrives. */
export const markRead = (roomId: number, seq: number, { keepalive = false } = {}): Promise<unknown> =>
  unwrap(roomsMarkRead({ path: { room_id: roomId }, body: { seq }, ...(keepalive ? { keepalive } : {}) }));

export const editMessage = (messageId: number, body: string): Promise<MessagePublic> =>
  unwrap(messagesEditMessage({ path: { message_id: messageId }, body: { body } }));

/** Add (`on`) or take back my `emoji` on a message; answers the message's reactions. */
export const setReaction = (messageId: number, emoji: string, on: boolean): Promise<ReactionPublic[]> => {
  const options = { path: { message_id: messageId, emoji } };
  return unwrap(on ? messagesAddReaction(options) : messagesRemoveReaction(options));
};
