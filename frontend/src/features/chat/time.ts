import { dateTimeFormat } from '../../i18n/dateFormat';

/** "14:05" for the stamp next to a message, in the UI language. */
export function shortTime(iso: string, language: string): string {
  return dateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The full date and time, for the hover title and <time dateTime>. */
export function fullDate(iso: string, language: string): string {
  return dateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(iso));
}

/** "Monday, November 23, 2026" / "2026년 11월 23일 월요일": a day separator's words. */
export function longDay(iso: string, language: string): string {
  return dateTimeFormat(language, { dateStyle: 'full' }).format(new Date(iso));
}

function dayKey(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The reader's local calendar day of an instant, as "2026-11-23": days break at their midnight. */
export function localDay(iso: string): string {
  return dayKey(new Date(iso));
}

/** Whether the local `day` is today or yesterday as of `now` (calendar days, so DST-proof). */
export function relativeDay(day: string, now: Date): 'today' | 'yesterday' | null {
  if (day === dayKey(now)) return 'today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  return day === dayKey(yesterday) ? 'yesterday' : null;
}
