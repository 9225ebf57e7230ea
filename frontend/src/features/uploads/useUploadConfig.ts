import { type QueryClient, useQuery } from '@tanstack/react-query';

import { type ClientConfig, fetchClientConfig } from '../../api';

const configQuery = {
  queryKey: ['config'] as const,
  queryFn: fetchClientConfig,
  // The limits change only when the server is reconfigured and restarted.
  staleTime: Infinity,
};

export function useUploadConfig() {
  return useQuery(configQuery);
}

/** The limits, loading them if needed; null when the server can't say (it still checks). */
export async function loadUploadConfig(queryClient: QueryClient): Promise<ClientConfig | null> {
  try {
    return await queryClient.query(configQuery);
  } catch {
    return null;
  }
}
