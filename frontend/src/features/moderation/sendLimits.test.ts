import { blocksSending, nextChangeIn, sendLimit } from './sendLimits';

const now = Date.parse('2026-11-23T14:00:00Z');
const base = { mutedUntil: null, slowModeSeconds: 0, exempt: false, lastSentAt: null, now };

describe('sendLimit (composer state)', () => {
  it('is open without mute or slow mode', () => {
    const limit = sendLimit(base);
    expect(limit).toEqual({ kind: 'open' });
    expect(blocksSending(limit)).toBe(false);
  });

  it('blocks while muted, until the given time', () => {
    const limit = sendLimit({ ...base, mutedUntil: '2026-11-23T14:05:00Z' });
    expect(limit.kind).toBe('muted');
    expect(blocksSending(limit)).toBe(true);
    expect(nextChangeIn(limit, now)).toBe(5 * 60_000 + 50);
  });

  it('re-opens once the mute has expired', () => {
    expect(sendLimit({ ...base, mutedUntil: '2026-11-23T13:59:59Z' }).kind).toBe('open');
  });

  it('treats a mute a century away as "until unmuted" with no timer', () => {
    const limit = sendLimit({ ...base, mutedUntil: '2126-11-23T14:00:00Z' });
    expect(limit).toMatchObject({ kind: 'muted', indefinite: true });
    expect(nextChangeIn(limit, now)).toBeNull();
  });

  it('counts down slow mode after my last send, then lets me send', () => {
    const input = { ...base, slowModeSeconds: 30, lastSentAt: now - 12_000 };
    const limit = sendLimit(input);
    expect(limit).toEqual({ kind: 'slow', interval: 30, waitSeconds: 18 });
    expect(blocksSending(limit)).toBe(true);
    const later = sendLimit({ ...input, now: now + 18_000 });
    expect(later).toEqual({ kind: 'slow', interval: 30, waitSeconds: 0 });
    expect(blocksSending(later)).toBe(false);
  });

  it('does not hold back moderators in slow mode', () => {
    expect(sendLimit({ ...base, slowModeSeconds: 30, lastSentAt: now, exempt: true }).kind).toBe('open');
  });

  it('puts a mute before slow mode', () => {
    expect(sendLimit({ ...base, slowModeSeconds: 30, mutedUntil: '2026-11-23T14:05:00Z' }).kind).toBe('muted');
  });
});
