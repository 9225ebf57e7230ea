import { unwrap } from './errors';
import {
  messagesEditMessage,
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
import type { MemberPublic, MessagePage, MessagePublic, RoomCreate, RoomPublic } from './generated';

// Thin wrappers so screens and the socket client see data or an ApiError, never the
// generated client's {data, error} pairs.

/** Public rooms plus the private rooms I am in; `my_role` is null where I am not a member. */
export const listRooms = (): Promise<RoomPublic[]> => unwrap(roomsListRooms());

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

export const markRead = (roomId: number, seq: number): Promise<unknown> =>
  unwrap(roomsMarkRead({ path: { room_id: roomId }, body: { seq } }));

export const editMessage = (messageId: number, body: string): Promise<MessagePublic> =>
  unwrap(messagesEditMessage({ path: { message_id: messageId }, body: { body } }));
