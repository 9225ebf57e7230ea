const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Below this, "now" reads better than a count of seconds that is stale as soon as it shows.
const NOW_SECONDS = 45;

/** "5 minutes ago" / "5분 전": the largest whole unit that fits, in the given language. */
export function formatRelativeTime(when: Date, now: Date, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = (when.getTime() - now.getTime()) / 1000;
  const magnitude = Math.abs(seconds);
  if (magnitude < NOW_SECONDS) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (magnitude >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  // 45–59 seconds: closer to a minute than to now.
  return format.format(Math.sign(seconds), 'minute');
}
