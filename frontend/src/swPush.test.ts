import { clickUrl, parsePush, pickWindow, pushNotice, PUSH_ICON, roomInView } from './swPush';

const payload = { title: 'Bob · #general', body: 'hi @Alice', room: 7, seq: 12, url: '/rooms/7?message=12', tag: 'room-7' };

describe('service worker push', () => {
  it('maps the server payload to a notification with its tag, icon and URL', () => {
    const parsed = parsePush(payload);
    expect(parsed).toEqual(payload);
    expect(pushNotice(parsed!)).toEqual({
      title: 'Bob · #general',
      options: { body: 'hi @Alice', tag: 'room-7', icon: PUSH_ICON, data: { url: '/rooms/7?message=12' } },
    });
  });

  it('ignores what is not a payload, and URLs off this site', () => {
    expect(parsePush(null)).toBeNull();
    expect(parsePush({ ...payload, seq: '12' })).toBeNull();
    expect(parsePush({ ...payload, url: 'https://evil.test/' })).toBeNull();
    expect(parsePush({ ...payload, url: '//evil.test/' })).toBeNull();
  });

  it('stays quiet only when a focused, visible window shows that room', () => {
    const on = (url: string, focused: boolean, visibilityState: DocumentVisibilityState = 'visible') => ({ url, focused, visibilityState });
    expect(roomInView([on('https://p.test/rooms/7', true)], 7)).toBe(true);
    expect(roomInView([on('https://p.test/rooms/7?message=3', true)], 7)).toBe(true);
    expect(roomInView([on('https://p.test/rooms/7', false)], 7)).toBe(false);
    expect(roomInView([on('https://p.test/rooms/7', true, 'hidden')], 7)).toBe(false);
    expect(roomInView([on('https://p.test/rooms/70', true)], 7)).toBe(false);
  });

  it('a click goes to the data URL in a focused window first', () => {
    expect(clickUrl({ url: '/rooms/7?message=12' })).toBe('/rooms/7?message=12');
    expect(clickUrl({ url: 'https://evil.test' })).toBe('/');
    expect(clickUrl(null)).toBe('/');
    const a = { id: 'a', focused: false };
    const b = { id: 'b', focused: true };
    expect(pickWindow([a, b])).toBe(b);
    expect(pickWindow([a])).toBe(a);
    expect(pickWindow<typeof a>([])).toBeUndefined();
  });
});
