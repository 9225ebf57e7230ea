/**
 * One Intl.DateTimeFormat per language and style. Building one costs far more than
 * formatting with it (a phone's first room spent a quarter of a second building three
 * per message), while the styles the app uses are few and fixed.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // Options are small literals written in one order by their callers: JSON is a fine key.
  const key = `${language}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, options);
    formats.set(key, format);
  }
  return format;
}
