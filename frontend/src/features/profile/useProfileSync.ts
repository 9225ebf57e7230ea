import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { useConnectionStatus, useRealtime } from '../../realtime';
import { applyProfile, refetchPeople } from './people';

/** Binds `profile` frames to the caches, and refetches people after a reconnect. */
export function useProfileSync(): void {
  const client = useRealtime();
  const queryClient = useQueryClient();
  const status = useConnectionStatus();
  const previous = useRef(status);

  useEffect(
    () =>
      client.onServerFrame((frame) => {
        if (frame.type === 'profile') applyProfile(queryClient, frame.user);
      }),
    [client, queryClient],
  );

  useEffect(() => {
    // Back online after having been online (not the first connection): catch up.
    const back = status === 'online' && previous.current !== 'online' && previous.current !== 'connecting';
    previous.current = status;
    if (back) refetchPeople(queryClient);
  }, [status, queryClient]);
}
