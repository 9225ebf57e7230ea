import { unwrap } from './errors';
import { roomsReadReceipts, usersUpdateMe, type ReadReceipts, type UserPublic } from './generated';

/** GET /api/rooms/{id}/receipts: how far the others who share receipts have read. */
export const fetchReadReceipts = (roomId: number): Promise<ReadReceipts> =>
  unwrap(roomsReadReceipts({ path: { room_id: roomId } }));

/** PATCH /api/users/me: share read receipts (and see the others'), or stop. */
export const setReadReceipts = (on: boolean): Promise<UserPublic> =>
  unwrap(usersUpdateMe({ body: { read_receipts: on } }));
