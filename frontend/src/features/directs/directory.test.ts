import { describe, expect, it } from 'vitest';

import { DIRECTORY_PAGE, flattenPages, nextOffset } from './directory';

const person = (id: number) => ({ id, username: `u${id}`, display_name: `User ${id}` });
const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => person(from + i));

describe('the people directory pages', () => {
  it('asks for the next page after every person received so far', () => {
    const first = page(1, DIRECTORY_PAGE);
    expect(nextOffset(first, [first])).toBe(DIRECTORY_PAGE);
    const second = page(DIRECTORY_PAGE + 1, DIRECTORY_PAGE);
    expect(nextOffset(second, [first, second])).toBe(2 * DIRECTORY_PAGE);
  });

  it('stops after a short page', () => {
    const first = page(1, DIRECTORY_PAGE);
    const last = page(DIRECTORY_PAGE + 1, 3);
    expect(nextOffset(last, [first, last])).toBeUndefined();
    expect(nextOffset([], [[]])).toBeUndefined();
  });

  it('shows someone pushed onto the next page by a new sign-up once', () => {
    expect(flattenPages([[person(1), person(2)], [person(2), person(3)]]).map((p) => p.id)).toEqual([1, 2, 3]);
    expect(flattenPages(undefined)).toEqual([]);
  });
});
