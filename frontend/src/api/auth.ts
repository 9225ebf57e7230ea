import { ApiError, unwrap } from './errors';
import { authLogin, authLogout, authSignup, usersReadMe, usersSignOutEverywhere } from './generated';
import type { UserCreate, UserPublic } from './generated';
import { session } from './client';
import { clearOfflineApiCache } from './offlineCache';

export interface Credentials {
  username: string;
  password: string;
}

export async function logIn({ username, password }: Credentials): Promise<void> {
  const grant = await unwrap(authLogin({ body: { username, password } }));
  // Whoever used this device before may not have signed out (the cookie just lapsed).
  await clearOfflineApiCache();
  session.signIn(grant);
}

export function signUp(account: UserCreate): Promise<UserPublic> {
  return unwrap(authSignup({ body: account }));
}

/** Signs out locally even when the server can't be reached: the user asked to leave. */
export async function logOut(): Promise<void> {
  try {
    await unwrap(authLogout());
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  } finally {
    session.signOut();
  }
}

/**
 * Ends every sign-in of the account on every device (their tokens and sockets too). Unlike
 * logOut, nothing is dropped locally unless the server did it: a failure leaves you in.
 */
export async function logOutEverywhere(): Promise<void> {
  await unwrap(usersSignOutEverywhere());
  session.signOut();
}

export function fetchMe(): Promise<UserPublic> {
  return unwrap(usersReadMe());
}

/** Asks the server for a fresh access token from the refresh cookie (start-up, and on demand). */
export function restoreSession(): Promise<unknown> {
  return session.refresh().catch(() => null);
}
