import { useMutation, useQueryClient } from '@tanstack/react-query';

import { joinRoom, type RoomPublic } from '../../api';
import { listingKey, roomKey, roomsKey } from './queries';

/** My rooms with `room` in or replaced, in the server's order (name, case-insensitive). */
export function withRoom(rooms: RoomPublic[] | undefined, room: RoomPublic): RoomPublic[] | undefined {
  if (!rooms) return rooms;
  const others = rooms.filter((existing) => existing.id !== room.id);
  const key = room.name.toLowerCase();
  const at = others.findIndex((existing) => existing.name.toLowerCase() > key);
  return at === -1 ? [...others, room] : [...others.slice(0, at), room, ...others.slice(at)];
}

/** POST /join, then put the room (now with my_role) into both caches. */
export function useJoinRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roomId: number) => joinRoom(roomId),
    onSuccess: (room: RoomPublic) => {
      queryClient.setQueryData(roomKey(room.id), room);
      // My list holds only rooms I am in: the joined room goes in at its place by name.
      queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => withRoom(rooms, room));
      queryClient.setQueryData(listingKey(room.id), room);
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
    },
  });
}
