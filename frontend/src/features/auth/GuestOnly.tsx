import { Navigate, Outlet, useLocation } from 'react-router';

import { FullPageLoader } from '../../components/FullPageLoader';
import { destinationAfterLogin } from './redirect';
import { useAuthStatus } from './useAuthStatus';

/**
 * Gate for /login and /signup. A successful sign-in flips the session status, and this
 * is what then moves the user on, back to the page they first asked for.
 */
export function GuestOnly() {
  const status = useAuthStatus();
  const location = useLocation();
  if (status === 'unknown') return <FullPageLoader />;
  if (status === 'signedIn') return <Navigate to={destinationAfterLogin(location.state)} replace />;
  return <Outlet />;
}
