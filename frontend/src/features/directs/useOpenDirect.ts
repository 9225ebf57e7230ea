import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { openDirect } from '../../api';
import { roomKey, roomsKey } from '../rooms';

/**
 * Opens the conversation of me and these people (POST /api/dms finds the existing one or
 * starts it) and goes there. The room is put in the cache first so the page shows at once;
 * the list is refetched so the sidebar has it even before the `member` frame arrives.
 */
export function useOpenDirect(onOpened?: () => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (userIds: readonly number[]) => openDirect(userIds),
    onSuccess: (room) => {
      queryClient.setQueryData(roomKey(room.id), room);
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
      onOpened?.();
      void navigate(`/rooms/${room.id}`);
    },
  });
}
