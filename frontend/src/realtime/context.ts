import { createContext, useContext } from 'react';

import type { RealtimeClient } from './client';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

/** The live client; a missing provider is a wiring bug, so fail loudly instead of limping on. */
export function useRealtime(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('useRealtime() needs a <RealtimeProvider> above it');
  return client;
}
