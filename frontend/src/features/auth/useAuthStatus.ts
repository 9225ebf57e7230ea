import { useSyncExternalStore } from 'react';

import { session, type AuthStatus } from '../../api';

export function useAuthStatus(): AuthStatus {
  return useSyncExternalStore(session.subscribe, session.getStatus);
}
