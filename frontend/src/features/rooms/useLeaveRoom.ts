import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { leaveRoom, type RoomPublic } from '../../api';
import { directoryPrefix, roomKey, roomsKey } from './queries';

/**
 * Leave a room: it goes from my rooms at once (so the socket stops following it and the
 * sidebar drops it) and I am taken home; the server's answer refreshes the rest.
 */
export function useLeaveRoom(roomId: number) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return {
    leave: () => leaveRoom(roomId),
    afterLeaving: () => {
      queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => rooms?.filter((room) => room.id !== roomId));
      queryClient.removeQueries({ queryKey: roomKey(roomId) });
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: directoryPrefix });
      void navigate('/');
    },
  };
}
