import { dateTimeFormat } from './dateFormat';

describe('dateTimeFormat', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('builds a formatter once per language and style, then reuses it', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    const first = dateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
    const again = dateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
    expect(again).toBe(first);
    expect(built).toHaveBeenCalledTimes(1);
  });

  it('keeps languages and styles apart', () => {
    const english = dateTimeFormat('en', { dateStyle: 'full' });
    const korean = dateTimeFormat('ko', { dateStyle: 'full' });
    const short = dateTimeFormat('en', { dateStyle: 'short' });
    const day = new Date(2026, 10, 23, 9, 5);
    expect(english.format(day)).toBe('Monday, November 23, 2026');
    expect(korean.format(day)).toBe('2026년 11월 23일 월요일');
    expect(short.format(day)).toBe('11/23/26');
  });
});
