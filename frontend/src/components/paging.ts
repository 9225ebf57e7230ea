/**
 * Offset paging for useInfiniteQuery (GET /api/users, GET /api/admin/users): the
 * `getNextPageParam` for pages of `pageSize`. The next page starts after every row
 * received so far; a page that came back short was the last.
 */
export function offsetPaging(pageSize: number) {
  return (lastPage: readonly unknown[], pages: readonly (readonly unknown[])[]): number | undefined => {
    if (lastPage.length < pageSize) return undefined;
    return pages.reduce((count, page) => count + page.length, 0);
  };
}

/**
 * The pages as one list. Offsets shift when a row is added between two pages, so the
 * same row can come back on the next one: each is shown once.
 */
export function flattenPages<T extends { id: number }>(pages: readonly (readonly T[])[] | undefined): T[] {
  const seen = new Set<number>();
  const rows: T[] = [];
  for (const row of (pages ?? []).flat()) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    rows.push(row);
  }
  return rows;
}
