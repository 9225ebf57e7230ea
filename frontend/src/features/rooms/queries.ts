import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { ApiError, listRooms, readRoom, type RoomPublic } from '../../api';

export const roomsKey = ['rooms'] as const;
export const roomKey = (roomId: number) => ['rooms', roomId] as const;
export const membersKey = (roomId: number) => ['rooms', roomId, 'members'] as const;

/** Public rooms and my private ones; `my_role` tells which are mine. */
export function useRooms() {
  return useQuery({ queryKey: roomsKey, queryFn: listRooms });
}

export function isMember(room: RoomPublic): boolean {
  return room.my_role !== null && room.my_role !== undefined;
}

export function useMyRooms(): RoomPublic[] | undefined {
  const { data } = useRooms();
  return useMemo(() => data?.filter(isMember), [data]);
}

/**
 * One room, seeded from the list when it is there so opening a room shows at once.
 *
 * Once I lose the right to read it (kicked or banned: 403, gone private: 404) the query
 * keeps its last copy, with the actions I had then. The list, refetched by the same frame,
 * says what I may do now (join again, or nothing) as long as it still lists the room.
 */
export function useRoom(roomId: number): { data: RoomPublic | undefined; error: Error | null; isPending: boolean } {
  const { data: rooms } = useRooms();
  const query = useQuery({
    queryKey: roomKey(roomId),
    queryFn: () => readRoom(roomId),
    initialData: () => rooms?.find((room) => room.id === roomId),
    enabled: Number.isInteger(roomId) && roomId > 0,
  });
  const refused = query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404);
  const listed = refused ? rooms?.find((room) => room.id === roomId) : undefined;
  return { data: listed ?? query.data, error: query.error, isPending: query.isPending };
}
