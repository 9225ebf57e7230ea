import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { session } from '../../api';

/** A refresh that fails mid-session signs out without a click; drop that account's data too. */
export function useResetCacheOnSignOut(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getStatus() === 'signedOut') queryClient.clear();
      }),
    [queryClient],
  );
}
