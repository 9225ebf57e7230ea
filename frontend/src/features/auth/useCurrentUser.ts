import { useQuery } from '@tanstack/react-query';

import { fetchMe } from '../../api';
import { useAuthStatus } from './useAuthStatus';

export const currentUserKey = ['users', 'me'] as const;

export function useCurrentUser() {
  const status = useAuthStatus();
  return useQuery({
    queryKey: currentUserKey,
    queryFn: fetchMe,
    enabled: status === 'signedIn',
    staleTime: 5 * 60_000,
  });
}
