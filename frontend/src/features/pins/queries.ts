import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { listPins, pinMessage, unpinMessage } from '../../api';
import { useRealtime } from '../../realtime';

export const pinsKey = (roomId: number) => ['rooms', roomId, 'pins'] as const;

/** The room's pinned messages, fetched when the list is opened. */
export function usePins(roomId: number, enabled: boolean) {
  return useQuery({ queryKey: pinsKey(roomId), queryFn: () => listPins(roomId), enabled });
}

/**
 * Pin or unpin. The message itself changes when the `pin` frame arrives (to every socket
 * in the room, mine too); the list is asked for again then as well.
 */
export function usePin(messageId: number) {
  return useMutation({ mutationFn: (on: boolean) => (on ? pinMessage(messageId) : unpinMessage(messageId)) });
}

/** Keeps each room's pinned list in step with `pin` frames; renders nothing. */
export function usePinSync(): void {
  const client = useRealtime();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.onServerFrame((frame) => {
        if (frame.type === 'pin') void queryClient.invalidateQueries({ queryKey: pinsKey(frame.room) });
      }),
    [client, queryClient],
  );
}
