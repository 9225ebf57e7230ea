import { useMutation, useQueryClient } from '@tanstack/react-query';

import { joinRoom, type RoomPublic } from '../../api';
import { roomKey, roomsKey } from './queries';

/** POST /join, then put the room (now with my_role) into both caches. */
export function useJoinRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roomId: number) => joinRoom(roomId),
    onSuccess: (room: RoomPublic) => {
      queryClient.setQueryData(roomKey(room.id), room);
      queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) =>
        rooms?.map((existing) => (existing.id === room.id ? room : existing)),
      );
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
    },
  });
}
