const MINUTE = 60_000;
/** The window the server counts (services/admin.stats: the last hour). */
export const WINDOW_MS = 60 * MINUTE;
/** A tick every quarter hour of local time: at most five labels, readable at 360 px. */
export const TICK_MS = 15 * MINUTE;

export interface TimeAxis {
  start: number;
  end: number;
  /** Tick instants (ms), on local quarter hours, inside [start, end]. */
  ticks: number[];
}

/**
 * The time axis for per-minute points: the hour up to `now`, stretched to hold any point
 * outside it (a clock ahead of or behind the server's), ticked on local quarter hours.
 */
export function timeAxis(minutes: readonly string[], now: number): TimeAxis {
  const times = minutes.map((minute) => new Date(minute).getTime()).filter(Number.isFinite);
  const start = Math.min(now - WINDOW_MS, ...times);
  // A bar spans its minute, so the last one ends a minute after it starts.
  const end = Math.max(now, ...times.map((time) => time + MINUTE));
  const ticks: number[] = [];
  // Local quarter hours (a time zone may be offset by half or three quarters of an hour).
  const first = new Date(start);
  first.setSeconds(0, 0);
  first.setMinutes(Math.ceil(first.getMinutes() / 15) * 15);
  if (first.getTime() < start) first.setMinutes(first.getMinutes() + 15);
  for (let tick = first.getTime(); tick <= end; tick += TICK_MS) ticks.push(tick);
  return { start, end, ticks };
}

/** Where an instant falls along the axis, 0–100 (%). */
export function position(axis: TimeAxis, time: number): number {
  return ((time - axis.start) / (axis.end - axis.start)) * 100;
}

/** A local time of day, in the interface's language ("2:15 PM", "오후 2:15"). */
export function clockTime(time: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(new Date(time));
}
