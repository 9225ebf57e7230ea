import { describe, expect, it } from 'vitest';

import { localMidnight } from './localMidnight';

describe('localMidnight', () => {
  it('names the local midnight with its offset', () => {
    const iso = localMidnight('2026-12-03');
    expect(iso).toMatch(/^2026-12-03T00:00:00[+-]\d{2}:\d{2}$/);
    // The same instant as the local Date of that midnight.
    expect(new Date(iso ?? '').getTime()).toBe(new Date(2026, 11, 3).getTime());
  });

  it('refuses what is not a real date', () => {
    expect(localMidnight('')).toBeNull();
    expect(localMidnight('2026-02-30')).toBeNull();
    expect(localMidnight('tomorrow')).toBeNull();
  });
});
