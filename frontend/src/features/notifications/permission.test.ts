import { getPermission, subscribePermission } from './permission';

/** A Notification API whose permission says how often it was read. */
function fakeNotification(initial: NotificationPermission) {
  const state = { permission: initial, reads: 0 };
  const fake = {
    get permission() {
      state.reads += 1;
      return state.permission;
    },
  };
  vi.stubGlobal('Notification', fake);
  return state;
}

describe('getPermission', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks the browser once while subscribed, and again after a focus', () => {
    const browser = fakeNotification('default');
    const listener = vi.fn();
    const unsubscribe = subscribePermission(listener);
    for (let n = 0; n < 5; n += 1) expect(getPermission()).toBe('default');
    expect(browser.reads).toBe(1);

    browser.permission = 'granted';
    window.dispatchEvent(new Event('focus'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getPermission()).toBe('granted');
    expect(browser.reads).toBe(2);
    unsubscribe();
  });

  it('reads fresh when nobody listens for changes', () => {
    const browser = fakeNotification('default');
    expect(getPermission()).toBe('default');
    browser.permission = 'denied';
    expect(getPermission()).toBe('denied');
  });

  it('starts afresh on a new subscription', () => {
    const browser = fakeNotification('default');
    const unsubscribe = subscribePermission(() => undefined);
    expect(getPermission()).toBe('default');
    unsubscribe();
    browser.permission = 'granted';
    const again = subscribePermission(() => undefined);
    expect(getPermission()).toBe('granted');
    again();
  });
});
