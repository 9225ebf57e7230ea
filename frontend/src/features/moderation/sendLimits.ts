/**
 * What stops me from posting right now, besides a lock: a mute, or slow mode's wait after
 * my last message. Pure, so the composer's states are tested without timers.
 */

/** Mutes "until unmuted" are stored as a date ~100 years away; anything past this is "indefinite". */
const INDEFINITE_AFTER_MS = 20 * 365 * 24 * 3600 * 1000;

export type SendLimit =
  | { kind: 'open' }
  | { kind: 'muted'; until: Date; indefinite: boolean }
  | { kind: 'slow'; interval: number; waitSeconds: number };

export interface SendLimitInput {
  mutedUntil: string | null | undefined;
  slowModeSeconds: number;
  /** Moderators, owners and site admins are exempt from slow mode (docs/moderation.md). */
  exempt: boolean;
  /** When I last sent in this room (ms), or null. */
  lastSentAt: number | null;
  now: number;
}

export function sendLimit(input: SendLimitInput): SendLimit {
  if (input.mutedUntil) {
    const until = new Date(input.mutedUntil);
    if (until.getTime() > input.now) {
      return { kind: 'muted', until, indefinite: until.getTime() - input.now > INDEFINITE_AFTER_MS };
    }
  }
  if (input.slowModeSeconds > 0 && !input.exempt) {
    const elapsed = input.lastSentAt === null ? Infinity : (input.now - input.lastSentAt) / 1000;
    const waitSeconds = Math.max(0, Math.ceil(input.slowModeSeconds - elapsed));
    return { kind: 'slow', interval: input.slowModeSeconds, waitSeconds };
  }
  return { kind: 'open' };
}

/** May the send button work? */
export function blocksSending(limit: SendLimit): boolean {
  return limit.kind === 'muted' || (limit.kind === 'slow' && limit.waitSeconds > 0);
}

/** When the state next changes on its own (mute expiry, countdown tick), in ms; null: never. */
export function nextChangeIn(limit: SendLimit, now: number): number | null {
  if (limit.kind === 'muted') return limit.indefinite ? null : Math.max(0, limit.until.getTime() - now) + 50;
  if (limit.kind === 'slow' && limit.waitSeconds > 0) return 1000;
  return null;
}
