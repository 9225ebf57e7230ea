import { describe, expect, it } from 'vitest';

import { formatRelativeTime } from './relativeTime';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it('says now for the last few seconds, and for clocks slightly ahead', () => {
    expect(formatRelativeTime(ago(10), now, 'en')).toBe('now');
    expect(formatRelativeTime(ago(-5), now, 'en')).toBe('now');
  });

  it('rounds down to the largest whole unit', () => {
    expect(formatRelativeTime(ago(50), now, 'en')).toBe('1 minute ago');
    expect(formatRelativeTime(ago(59 * 60), now, 'en')).toBe('59 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600 + 1800), now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(ago(24 * 3600), now, 'en')).toBe('yesterday');
    expect(formatRelativeTime(ago(10 * 24 * 3600), now, 'en')).toBe('last week');
    expect(formatRelativeTime(ago(400 * 24 * 3600), now, 'en')).toBe('last year');
  });

  it('speaks the given language', () => {
    expect(formatRelativeTime(ago(5 * 60), now, 'ko')).toBe('5분 전');
    expect(formatRelativeTime(ago(2 * 24 * 3600), now, 'ko')).toBe('그저께');
  });
});
