import type { ClientFrame, JoinTarget } from './protocol';

/** Every room join in the frames a client sent, whether one `join` or many in a `join_rooms`. */
export function joinedRooms(frames: readonly ClientFrame[]): JoinTarget[] {
  return frames.flatMap((frame) => {
    if (frame.type === 'join') return [frame.since == null ? { room: frame.room } : { room: frame.room, since: frame.since }];
    if (frame.type === 'join_rooms') return frame.rooms;
    return [];
  });
}
