import { createAuthFetch } from './authFetch';
import { ApiError, unwrap } from './errors';
import { authRefresh } from './generated';
import { client } from './generated/client.gen';
import { clearOfflineApiCache } from './offlineCache';
import { createAuthSession, type TokenGrant } from './session';
import { signInMemory } from './signInMemory';

async function requestRefresh(): Promise<TokenGrant | null> {
  try {
    // The httpOnly refresh cookie is the credential; it rides along on same-origin requests.
    return await unwrap(authRefresh());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The app's one session: the access token exists nowhere else. */
export const session = createAuthSession({ requestRefresh, rememberSignIn: signInMemory });

// Signed out, by choice or by an expired cookie: the offline copy was that account's.
session.subscribe(() => {
  if (session.getStatus() === 'signedOut') void clearOfflineApiCache();
});

client.setConfig({
  // Absolute URLs keep Request() happy outside a page too (tests run under Node's fetch).
  baseUrl: globalThis.location.origin,
  credentials: 'same-origin',
  fetch: createAuthFetch(session),
});
