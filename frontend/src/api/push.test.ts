import { disablePush, enablePush, keyBytes, subscriptionBody } from './push';
import { removePushSubscription, savePushSubscription } from './notifications';

vi.mock('./notifications', () => ({
  removePushSubscription: vi.fn(() => Promise.resolve()),
  savePushSubscription: vi.fn(() => Promise.resolve()),
}));

const KEY = 'AQID'; // bytes 1, 2, 3

function fakeWorker(existing: { key: number[] } | null) {
  const order: string[] = [];
  const subscription = (key: number[]) => ({
    endpoint: 'https://push.test/e',
    options: { applicationServerKey: new Uint8Array(key).buffer },
    toJSON: () => ({ endpoint: 'https://push.test/e', keys: { p256dh: 'p', auth: 'a' } }),
    unsubscribe: vi.fn(() => {
      order.push('unsubscribe');
      return Promise.resolve(true);
    }),
  });
  const current = existing ? subscription(existing.key) : null;
  const pushManager = {
    getSubscription: vi.fn(() => Promise.resolve(current)),
    subscribe: vi.fn(() => Promise.resolve(subscription([1, 2, 3]))),
  };
  vi.stubGlobal('PushManager', function PushManager() {});
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { getRegistration: () => Promise.resolve({ pushManager }) },
  });
  vi.mocked(removePushSubscription).mockImplementation(() => {
    order.push('server');
    return Promise.resolve();
  });
  return { pushManager, current, order };
}

describe('push subscription helpers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

  it('decodes a base64url VAPID key without padding', () => {
    // 0xfb 0xff 0xfe: '+' and '/' in plain base64, '-' and '_' in base64url.
    expect([...keyBytes('-__-')]).toEqual([0xfb, 0xff, 0xfe]);
    expect([...keyBytes('AQ')]).toEqual([1]);
  });

  it('sends the endpoint and both keys, or nothing when the browser left one out', () => {
    const json = { endpoint: 'https://push.test/x', keys: { p256dh: 'p', auth: 'a' } };
    expect(subscriptionBody(json)).toEqual(json);
    expect(subscriptionBody({ endpoint: 'https://push.test/x', keys: { p256dh: 'p' } })).toBeNull();
    expect(subscriptionBody({})).toBeNull();
  });

  it('subscribes with the server key and posts it; an existing one with that key is posted again', async () => {
    const fresh = fakeWorker(null);
    await enablePush(KEY);
    expect(fresh.pushManager.subscribe).toHaveBeenCalledWith({ userVisibleOnly: true, applicationServerKey: keyBytes(KEY) });
    expect(savePushSubscription).toHaveBeenCalledWith({ endpoint: 'https://push.test/e', keys: { p256dh: 'p', auth: 'a' } });

    const kept = fakeWorker({ key: [1, 2, 3] });
    await enablePush(KEY);
    expect(kept.pushManager.subscribe).not.toHaveBeenCalled();
    expect(savePushSubscription).toHaveBeenCalledTimes(2);
  });

  it('subscribes anew when the server key changed', async () => {
    const stale = fakeWorker({ key: [9, 9, 9] });
    await enablePush(KEY);
    expect(stale.current?.unsubscribe).toHaveBeenCalled();
    expect(stale.pushManager.subscribe).toHaveBeenCalled();
  });

  it('turning off tells the server first, then unsubscribes the browser', async () => {
    const worker = fakeWorker({ key: [1, 2, 3] });
    await disablePush();
    expect(removePushSubscription).toHaveBeenCalledWith('https://push.test/e');
    expect(worker.order).toEqual(['server', 'unsubscribe']);
  });
});
