// The auth feature's public face; other features import only from here.
export { AuthCard } from './AuthCard';
export { GuestOnly } from './GuestOnly';
export { LoginPage } from './LoginPage';
export { RequireAuth } from './RequireAuth';
export { SignupForm } from './SignupForm';
export { SignupPage } from './SignupPage';
export { useAuthStatus } from './useAuthStatus';
export { currentUserKey, useCurrentUser } from './useCurrentUser';
export { sayFarewell } from './farewell';
export { useLeaveApp, useLogout } from './useLogout';
export { useResetCacheOnSignOut } from './useResetCacheOnSignOut';
export { PASSWORD_MAX, PASSWORD_MIN } from './validation';
export type { AuthRedirectState } from './redirect';
