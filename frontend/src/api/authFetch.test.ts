import { createAuthFetch } from './authFetch';
import { createAuthSession, type TokenGrant } from './session';

const API = 'http://parley.test';

function jsonResponse(status: number, body: unknown = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A fake server: accepts only the current token, and issues a new one on refresh
 * after `refreshDelay` ms so that concurrent requests overlap with it.
 */
function fakeServer({ refreshSucceeds = true } = {}) {
  let validToken = 'token-1';
  let issued = 1;
  const seen: { url: string; auth: string | null; body: string }[] = [];

  const requestRefresh = vi.fn(async (): Promise<TokenGrant | null> => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (!refreshSucceeds) return null;
    issued += 1;
    validToken = `token-${issued}`;
    return { access_token: validToken, expires_in: 900 };
  });

  const baseFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.text();
    const auth = request.headers.get('Authorization');
    seen.push({ url: request.url, auth, body });
    if (request.url.endsWith('/api/auth/login')) return jsonResponse(401, { detail: 'Incorrect username or password' });
    return auth === `Bearer ${validToken}` ? jsonResponse(200, { ok: true }) : jsonResponse(401, { detail: 'expired' });
  });

  const session = createAuthSession({
    requestRefresh,
    withLock: (work) => work(),
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  const authFetch = createAuthFetch(session, baseFetch);
  const expire = () => {
    validToken = 'rotated-elsewhere';
  };
  return { session, authFetch, requestRefresh, baseFetch, seen, expire };
}

describe('createAuthFetch', () => {
  it('sends the bearer token', async () => {
    const server = fakeServer();
    server.session.signIn({ access_token: 'token-1', expires_in: 900 });

    const response = await server.authFetch(`${API}/api/users/me`);

    expect(response.status).toBe(200);
    expect(server.seen[0]?.auth).toBe('Bearer token-1');
    expect(server.requestRefresh).not.toHaveBeenCalled();
  });

  it('refreshes once for concurrent 401s and retries each request once', async () => {
    const server = fakeServer();
    server.session.signIn({ access_token: 'stale', expires_in: 900 });

    const responses = await Promise.all([
      server.authFetch(`${API}/api/users/me`),
      server.authFetch(`${API}/api/rooms`),
      server.authFetch(`${API}/api/users/me`, { method: 'PATCH', body: '{"display_name":"Al"}' }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.requestRefresh).toHaveBeenCalledTimes(1);
    expect(server.baseFetch).toHaveBeenCalledTimes(6);
    const retried = server.seen.slice(3);
    expect(retried.every((call) => call.auth === 'Bearer token-2')).toBe(true);
    // The retry must carry the original body, not an already-consumed stream.
    expect(retried.find((call) => call.body !== '')?.body).toBe('{"display_name":"Al"}');
  });

  it('does not refresh again when another request already did', async () => {
    const server = fakeServer();
    server.session.signIn({ access_token: 'stale', expires_in: 900 });
    await server.authFetch(`${API}/api/users/me`);
    expect(server.requestRefresh).toHaveBeenCalledTimes(1);

    const later = await server.authFetch(`${API}/api/users/me`);
    expect(later.status).toBe(200);
    expect(server.requestRefresh).toHaveBeenCalledTimes(1);
  });

  it('retries only once: a second 401 is returned as is', async () => {
    const server = fakeServer();
    server.session.signIn({ access_token: 'stale', expires_in: 900 });
    server.requestRefresh.mockImplementationOnce(() => {
      server.expire();
      return Promise.resolve({ access_token: 'also-rejected', expires_in: 900 });
    });

    const response = await server.authFetch(`${API}/api/users/me`);

    expect(response.status).toBe(401);
    expect(server.baseFetch).toHaveBeenCalledTimes(2);
    expect(server.requestRefresh).toHaveBeenCalledTimes(1);
  });

  it('signs out when the refresh is refused', async () => {
    const server = fakeServer({ refreshSucceeds: false });
    server.session.signIn({ access_token: 'stale', expires_in: 900 });

    const responses = await Promise.all([
      server.authFetch(`${API}/api/users/me`),
      server.authFetch(`${API}/api/rooms`),
    ]);

    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(server.requestRefresh).toHaveBeenCalledTimes(1);
    expect(server.baseFetch).toHaveBeenCalledTimes(2);
    expect(server.session.getStatus()).toBe('signedOut');
  });

  it('passes auth endpoints through untouched: a login 401 is a wrong password', async () => {
    const server = fakeServer();
    server.session.signIn({ access_token: 'stale', expires_in: 900 });

    const response = await server.authFetch(`${API}/api/auth/login`, { method: 'POST', body: 'username=a' });

    expect(response.status).toBe(401);
    expect(server.seen[0]?.auth).toBeNull();
    expect(server.requestRefresh).not.toHaveBeenCalled();
  });
});
