/**
 * The access token and the refresh dance.
 *
 * The token lives only in this module's memory: localStorage would hand it to any
 * injected script, and the httpOnly refresh cookie already survives reloads.
 */

export type AuthStatus = 'unknown' | 'signedIn' | 'signedOut';

export interface TokenGrant {
  access_token: string;
  expires_in: number;
}

/** What `refresh()` resolves to: the new token, or null once the server said no. */
export type RefreshOutcome = string | null;

export interface SessionDeps {
  /** Calls POST /api/auth/refresh; resolves to the grant, or null on 401. Throws on network trouble. */
  requestRefresh: () => Promise<TokenGrant | null>;
  /** Serialises refreshes across tabs; the default is the Web Locks API when present. */
  withLock?: <T>(work: () => Promise<T>) => Promise<T>;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Whether this device was signed in when last seen (no secret: the token stays in memory
   * only). Lets a start-up without network open the app on its offline copy of the data
   * instead of the login page; the first refresh that reaches the server settles it.
   */
  rememberSignIn?: { wasSignedIn: () => boolean; set: (signedIn: boolean) => void };
}

// Renew well before expiry so a slow network never sends an expired token, but not
// so early that short-lived tokens refresh in a tight loop.
const REFRESH_MARGIN_MS = 60_000;
const MIN_LIFETIME_SHARE = 0.5;

export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return Math.max(lifetime - REFRESH_MARGIN_MS, lifetime * MIN_LIFETIME_SHARE);
}

async function webLock<T>(work: () => Promise<T>): Promise<T> {
  // Refresh tokens rotate on use and the server revokes the whole family when an old
  // one is replayed, so two tabs refreshing with the same cookie would sign both out.
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return work();
  return await locks.request('parley-auth-refresh', work);
}

export interface AuthSession {
  getToken: () => string | null;
  getStatus: () => AuthStatus;
  subscribe: (listener: () => void) => () => void;
  /** Stores a grant from login or refresh and schedules the next proactive refresh. */
  signIn: (grant: TokenGrant) => void;
  /** Forgets the token; the caller is responsible for telling the server. */
  signOut: () => void;
  /** Single-flight: every caller during one refresh shares its promise. */
  refresh: () => Promise<RefreshOutcome>;
}

export function createAuthSession(deps: SessionDeps): AuthSession {
  const withLock = deps.withLock ?? webLock;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as number));
  const remembered = deps.rememberSignIn;

  let token: string | null = null;
  let status: AuthStatus = 'unknown';
  let inFlight: Promise<RefreshOutcome> | null = null;
  let timer: unknown = null;
  const listeners = new Set<() => void>();

  function setStatus(next: AuthStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  }

  function cancelTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function signIn(grant: TokenGrant): void {
    token = grant.access_token;
    cancelTimer();
    timer = setTimer(() => {
      timer = null;
      // A failed proactive refresh is not fatal: the next 401 retries it.
      refresh().catch(() => undefined);
    }, refreshDelayMs(grant.expires_in));
    remembered?.set(true);
    setStatus('signedIn');
  }

  function signOut(): void {
    token = null;
    cancelTimer();
    remembered?.set(false);
    setStatus('signedOut');
  }

  async function runRefresh(): Promise<RefreshOutcome> {
    let grant: TokenGrant | null;
    try {
      grant = await withLock(deps.requestRefresh);
    } catch (error) {
      // Unreachable server on start-up: someone who was signed in here gets the app, still
      // without a token (what they saw is served from the offline cache, and the socket
      // refreshes once the network is back); anyone else gets the login screen. Later,
      // keep the current state and let the caller see the error.
      if (status === 'unknown') setStatus(remembered?.wasSignedIn() ? 'signedIn' : 'signedOut');
      throw error;
    }
    if (grant === null) {
      signOut();
      return null;
    }
    signIn(grant);
    return grant.access_token;
  }

  function refresh(): Promise<RefreshOutcome> {
    inFlight ??= runRefresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    getToken: () => token,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn,
    signOut,
    refresh,
  };
}
