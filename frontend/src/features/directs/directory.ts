import type { AuthorPublic } from '../../api';

/** How many people one directory page asks for (≤ users.PEOPLE_PAGE_MAX). */
export const DIRECTORY_PAGE = 30;

/** Where the next page starts, or undefined once a page came back short (the last). */
export function nextOffset(lastPage: readonly AuthorPublic[], pages: readonly (readonly AuthorPublic[])[]): number | undefined {
  if (lastPage.length < DIRECTORY_PAGE) return undefined;
  return pages.reduce((count, page) => count + page.length, 0);
}

/**
 * The pages as one list. Offsets shift when someone signs up between two pages, so the
 * same person can come back on the next one: each is shown once.
 */
export function flattenPages(pages: readonly (readonly AuthorPublic[])[] | undefined): AuthorPublic[] {
  const seen = new Set<number>();
  const people: AuthorPublic[] = [];
  for (const person of (pages ?? []).flat()) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    people.push(person);
  }
  return people;
}
