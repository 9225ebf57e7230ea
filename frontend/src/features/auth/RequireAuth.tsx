import { Navigate, Outlet, useLocation } from 'react-router';

import { FullPageLoader } from '../../components/FullPageLoader';
import type { AuthRedirectState } from './redirect';
import { useAuthStatus } from './useAuthStatus';

/** Gate for the signed-in app: waits for the start-up refresh, then lets in or sends to /login. */
export function RequireAuth() {
  const status = useAuthStatus();
  const location = useLocation();
  if (status === 'unknown') return <FullPageLoader />;
  if (status === 'signedOut') {
    const state: AuthRedirectState = { from: location };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
