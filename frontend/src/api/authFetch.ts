import type { AuthSession } from './session';

// On these a 401 is an answer (wrong password, no cookie), not a stale access token,
// so retrying them after a refresh would be wrong or would loop.
const AUTH_PATH = '/api/auth/';

function withBearer(request: Request, token: string | null): Request {
  const next = new Request(request);
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  return next;
}

/**
 * A fetch for the generated client: sends the bearer token, and on a 401 refreshes
 * once (shared with every other request that hit a 401 meanwhile) and retries once.
 */
export function createAuthFetch(
  session: AuthSession,
  baseFetch: typeof fetch = (...args) => globalThis.fetch(...args),
): typeof fetch {
  return async (input, init) => {
    const original = new Request(input, init);
    if (new URL(original.url).pathname.startsWith(AUTH_PATH)) {
      return baseFetch(original);
    }

    // Keep an unread copy: the first attempt consumes the body.
    const spare = original.clone();
    const sentWith = session.getToken();
    const response = await baseFetch(withBearer(original, sentWith));
    if (response.status !== 401) return response;

    // Another request may have refreshed while this one was in flight.
    const current = session.getToken();
    const token = current !== null && current !== sentWith ? current : await session.refresh();
    if (token === null) return response;
    return baseFetch(withBearer(spare, token));
  };
}
