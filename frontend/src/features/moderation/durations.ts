// The lengths a mute or a ban may be given, and how their end reads.

/** How long a mute or a ban lasts, in seconds; 0: until lifted (no duration_seconds sent). */
export const DURATIONS = {
  mute: [600, 3600, 86400, 0],
  ban: [3600, 86400, 604800, 2592000, 0],
} as const;

export type TimedAction = keyof typeof DURATIONS;

/** Mute and ban take a length; nothing else does (the server refuses one elsewhere). */
export function isTimed(action: string): action is TimedAction {
  return action === 'mute' || action === 'ban';
}

/** What a mute starts at (the shortest), and a ban (until lifted, as bans always were). */
export const DEFAULT_DURATION: Record<TimedAction, string> = { mute: '600', ban: '0' };

/** The request's part for the chosen length: nothing for "until lifted". */
export function durationField(seconds: string): { duration_seconds?: number } {
  const value = Number(seconds);
  return value > 0 ? { duration_seconds: value } : {};
}

/** When a timed mute or ban ends, in the reader's language (days away: the date too). */
export function untilText(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}
