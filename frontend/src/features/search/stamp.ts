import { dateTimeFormat } from '../../i18n/dateFormat';

/** "Dec 3, 2026, 7:10 AM" beside a found or pinned message, in the UI language. */
export function stamp(iso: string, language: string): string {
  return dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The full date and time, for the hover title. */
export function fullStamp(iso: string, language: string): string {
  return dateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(iso));
}
