import { type ReactNode, useEffect } from 'react';

import type { RealtimeClient } from './client';
import { RealtimeContext } from './context';

/** Provides the one client to the signed-in app and keeps it connected while mounted. */
export function RealtimeProvider({ client, children }: { client: RealtimeClient; children: ReactNode }) {
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}
