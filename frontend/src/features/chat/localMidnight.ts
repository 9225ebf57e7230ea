const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The reader's midnight starting `day` ("2026-12-03", a date input's value) as ISO with
 * their offset that day ("2026-12-03T00:00:00+09:00"), so the server finds that local day.
 * Null for anything that is not a real date.
 */
export function localMidnight(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(year, month - 1, date);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== date) return null;
  // A day that starts in a DST gap has no 00:00: Date moves to the first real minute.
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:00`;
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${day}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
