import { type QueryClient, useQuery } from '@tanstack/react-query';

import { type ClientConfig, fetchClientConfig } from '../api';

/** What the server publishes up front (limits, which optional parts are on), asked once. */
const clientConfigQuery = {
  queryKey: ['config'] as const,
  queryFn: fetchClientConfig,
  // It changes only when the server is reconfigured and restarted.
  staleTime: Infinity,
};

export function useClientConfig() {
  return useQuery(clientConfigQuery);
}

/** The config, loading it if needed; null when the server can't say. */
export async function loadClientConfig(queryClient: QueryClient): Promise<ClientConfig | null> {
  try {
    return await queryClient.query(clientConfigQuery);
  } catch {
    return null;
  }
}
