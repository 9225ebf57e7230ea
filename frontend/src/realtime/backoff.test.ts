import { BACKOFF_CAP_MS, backoffCeiling, backoffDelay } from './backoff';

describe('backoff', () => {
  it('doubles from 0.5 s and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(backoffCeiling)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffCeiling(1000)).toBe(BACKOFF_CAP_MS);
  });

  it('never goes below zero or above the ceiling (full jitter)', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      expect(backoffDelay(attempt, () => 0)).toBe(0);
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(backoffCeiling(attempt));
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelay(attempt);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(backoffCeiling(attempt));
      }
    }
  });

  it('spreads delays across the range', () => {
    const delays = new Set(Array.from({ length: 200 }, () => backoffDelay(6)));
    expect(delays.size).toBeGreaterThan(50);
  });
});
