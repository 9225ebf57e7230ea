import type { QueryClient } from '@tanstack/react-query';

import type { RoomPublic } from '../../api';
import { reportsKey, roomKey, roomsKey, siteReportsKey } from './queries';

/** My rooms with one room's open report count replaced. */
export function withOpenReports(
  rooms: readonly RoomPublic[] | undefined,
  roomId: number,
  openReports: number,
): RoomPublic[] | undefined {
  return rooms?.map((room) => (room.id === roomId ? { ...room, open_reports: openReports } : room));
}

/**
 * A `reports` frame (sent only to whoever works the room's queue): the count goes into
 * the cached room list and room, with no refetch, and the room's report queue reloads.
 */
export function applyOpenReports(queryClient: QueryClient, roomId: number, openReports: number): void {
  queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => withOpenReports(rooms, roomId, openReports));
  queryClient.setQueryData<RoomPublic>(roomKey(roomId), (room) =>
    room ? { ...room, open_reports: openReports } : room,
  );
  void queryClient.invalidateQueries({ queryKey: reportsKey(roomId) });
  void queryClient.invalidateQueries({ queryKey: siteReportsKey });
}
