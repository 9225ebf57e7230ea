import { useInfiniteQuery } from '@tanstack/react-query';

import { searchMessages } from '../../api';

export const searchKey = (q: string) => ['search', q] as const;

/** The reader's zone, so `before:`/`after:` days break at their midnight. */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Pages of messages matching `q`, newest first; nothing is asked for an empty query. */
export function useSearch(q: string) {
  const query = useInfiniteQuery({
    queryKey: searchKey(q),
    queryFn: ({ pageParam }) => searchMessages(q, pageParam, timeZone()),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: q !== '',
    // A bad query (422) says why; asking again says the same.
    retry: false,
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    hits: pages.flatMap((page) => page.items),
    highlight: pages.at(0)?.highlight ?? [],
  };
}
