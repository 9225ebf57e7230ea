import { faviconBadge } from './favicon';

describe('faviconBadge', () => {
  it('is nothing at zero, the plain icon comes back', () => {
    expect(faviconBadge(0, 0)).toBeNull();
  });

  it('counts unread, capped at 99+, red once something names me', () => {
    expect(faviconBadge(3, 0)).toEqual({ text: '3', mention: false });
    expect(faviconBadge(3, 1)).toEqual({ text: '3', mention: true });
    expect(faviconBadge(250, 0)).toEqual({ text: '99+', mention: false });
  });
});
