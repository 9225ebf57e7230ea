import { createAuthSession, refreshDelayMs, type TokenGrant } from './session';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const grant = (token: string, expiresIn = 900): TokenGrant => ({ access_token: token, expires_in: expiresIn });

function makeSession(requestRefresh: () => Promise<TokenGrant | null>) {
  const timers: { run: () => void; ms: number }[] = [];
  const session = createAuthSession({
    requestRefresh,
    withLock: (work) => work(),
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  return { session, timers };
}

describe('AuthSession.refresh', () => {
  it('shares one request among concurrent callers', async () => {
    const pending = deferred<TokenGrant | null>();
    const requestRefresh = vi.fn(() => pending.promise);
    const { session } = makeSession(requestRefresh);

    const calls = [session.refresh(), session.refresh(), session.refresh()];
    pending.resolve(grant('fresh'));

    await expect(Promise.all(calls)).resolves.toEqual(['fresh', 'fresh', 'fresh']);
    expect(requestRefresh).toHaveBeenCalledTimes(1);
    expect(session.getToken()).toBe('fresh');
    expect(session.getStatus()).toBe('signedIn');
  });

  it('starts a new request once the previous one settled', async () => {
    const requestRefresh = vi
      .fn<() => Promise<TokenGrant | null>>()
      .mockResolvedValueOnce(grant('first'))
      .mockResolvedValueOnce(grant('second'));
    const { session } = makeSession(requestRefresh);

    await session.refresh();
    await expect(session.refresh()).resolves.toBe('second');
    expect(requestRefresh).toHaveBeenCalledTimes(2);
  });

  it('signs out when the server rejects the refresh cookie', async () => {
    const requestRefresh = vi
      .fn<() => Promise<TokenGrant | null>>()
      .mockResolvedValueOnce(grant('good'))
      .mockResolvedValueOnce(null);
    const { session } = makeSession(requestRefresh);
    await session.refresh();
    const listener = vi.fn();
    session.subscribe(listener);

    await expect(session.refresh()).resolves.toBeNull();

    expect(session.getStatus()).toBe('signedOut');
    expect(session.getToken()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('treats an unreachable server at start-up as signed out, but rethrows', async () => {
    const { session } = makeSession(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(session.refresh()).rejects.toThrow('Failed to fetch');
    expect(session.getStatus()).toBe('signedOut');
  });

  it('keeps a signed-in user signed in through a network blip', async () => {
    const requestRefresh = vi
      .fn<() => Promise<TokenGrant | null>>()
      .mockResolvedValueOnce(grant('good'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { session } = makeSession(requestRefresh);
    await session.refresh();

    await expect(session.refresh()).rejects.toThrow();
    expect(session.getStatus()).toBe('signedIn');
    expect(session.getToken()).toBe('good');
  });
});

describe('proactive refresh', () => {
  it('is scheduled before the token expires and renews it', async () => {
    const requestRefresh = vi.fn(() => Promise.resolve(grant('renewed')));
    const { session, timers } = makeSession(requestRefresh);

    session.signIn(grant('initial', 900));
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(840_000);

    timers[0]?.run();
    await vi.waitFor(() => expect(session.getToken()).toBe('renewed'));
    expect(requestRefresh).toHaveBeenCalledTimes(1);
    expect(timers).toHaveLength(2);
  });

  it('never refreshes sooner than half the lifetime', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
    expect(refreshDelayMs(60)).toBe(30_000);
    expect(refreshDelayMs(10)).toBe(5_000);
  });
});

describe('AuthSession offline start', () => {
  function remembering(initially: boolean) {
    let signedIn = initially;
    return {
      wasSignedIn: () => signedIn,
      set: vi.fn((value: boolean) => {
        signedIn = value;
      }),
      current: () => signedIn,
    };
  }

  function sessionWith(requestRefresh: () => Promise<TokenGrant | null>, memory: ReturnType<typeof remembering>) {
    return createAuthSession({
      requestRefresh,
      withLock: (work) => work(),
      setTimer: () => 0,
      clearTimer: () => undefined,
      rememberSignIn: memory,
    });
  }

  it('opens the app without a token when the network is down and this device was signed in', async () => {
    const memory = remembering(true);
    const session = sessionWith(() => Promise.reject(new TypeError('Failed to fetch')), memory);
    await expect(session.refresh()).rejects.toThrow('Failed to fetch');
    expect(session.getStatus()).toBe('signedIn');
    expect(session.getToken()).toBeNull();
    expect(memory.current()).toBe(true);
  });

  it('shows the login screen offline when nobody was signed in here', async () => {
    const session = sessionWith(() => Promise.reject(new TypeError('Failed to fetch')), remembering(false));
    await expect(session.refresh()).rejects.toThrow();
    expect(session.getStatus()).toBe('signedOut');
  });

  it('forgets the sign-in once the server refuses the cookie, and remembers a new one', async () => {
    const memory = remembering(true);
    const requestRefresh = vi
      .fn<() => Promise<TokenGrant | null>>()
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce(grant('again'));
    const session = sessionWith(requestRefresh, memory);
    await session.refresh();
    expect(session.getStatus()).toBe('signedOut');
    expect(memory.current()).toBe(false);
    await session.refresh();
    expect(memory.current()).toBe(true);
  });
});
