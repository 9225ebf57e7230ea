/** "14:05" for the stamp next to a message, in the UI language. */
export function shortTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The full date and time, for the hover title and <time dateTime>. */
export function fullDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(iso));
}
