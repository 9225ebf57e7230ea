import { bannedUntilOf } from './protocol';

describe('bannedUntilOf', () => {
  it('reads the end of a timed ban from the close reason, whatever the reason says after it', () => {
    expect(bannedUntilOf('banned until 2026-12-24T10:00:00+00:00: spam: again')).toBe('2026-12-24T10:00:00+00:00');
    expect(bannedUntilOf('banned until 2026-12-24T10:00:00.123456Z: x')).toBe('2026-12-24T10:00:00.123456Z');
  });

  it('gives null for a ban without end and for other reasons', () => {
    expect(bannedUntilOf('banned: spam')).toBeNull();
    expect(bannedUntilOf('banned until tomorrow: spam')).toBeNull();
    expect(bannedUntilOf('')).toBeNull();
  });
});
