import type { QueryClient } from '@tanstack/react-query';

import type { NotificationSettings, RoomPublic } from '../../api';
import { roomKey, roomsKey } from './queries';

/** Muted: nothing of the room calls out (no notification, no badge in the favicon); unread still counts. */
export function isMuted(room: Pick<RoomPublic, 'notifications'>): boolean {
  return room.notifications?.muted === true;
}

/** My rooms with one room's notification settings replaced. */
export function withNotifications(
  rooms: readonly RoomPublic[] | undefined,
  roomId: number,
  settings: NotificationSettings,
): RoomPublic[] | undefined {
  return rooms?.map((room) => (room.id === roomId ? { ...room, notifications: settings } : room));
}

/**
 * Writes settings the server sent (a `notifications` frame from any of my tabs or
 * devices, or the answer to my own change) into the cached room list and room, with no
 * refetch: nothing else of the room changed.
 */
export function applyNotifications(queryClient: QueryClient, roomId: number, settings: NotificationSettings): void {
  queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => withNotifications(rooms, roomId, settings));
  queryClient.setQueryData<RoomPublic>(roomKey(roomId), (room) => (room ? { ...room, notifications: settings } : room));
}
