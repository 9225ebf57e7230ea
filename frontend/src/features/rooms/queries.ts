import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { listRooms, readRoom, type RoomPublic } from '../../api';

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

/** One room, seeded from the list when it is there so opening a room shows at once. */
export function useRoom(roomId: number) {
  const { data: rooms } = useRooms();
  return useQuery({
    queryKey: roomKey(roomId),
    queryFn: () => readRoom(roomId),
    initialData: () => rooms?.find((room) => room.id === roomId),
    enabled: Number.isInteger(roomId) && roomId > 0,
  });
}

export function canModerate(room: RoomPublic): boolean {
  return room.my_role === 'owner' || room.my_role === 'moderator';
}
