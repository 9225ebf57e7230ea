import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { findPeople } from '../../api';
import { DIRECTORY_PAGE, nextOffset } from './directory';

/** People directory searches (GET /api/users?q=), one cache entry per search text. */
export const peopleKey = (q: string) => ['people', q] as const;

export const PEOPLE_LIMIT = 20;

export function usePeopleSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: peopleKey(q),
    queryFn: () => findPeople(q, PEOPLE_LIMIT),
    enabled,
    staleTime: 30_000,
    // While the next search loads, the last results stay rather than flashing to empty.
    placeholderData: keepPreviousData,
  });
}

/** The /people directory: one search, paged on by "Show more". */
export const directoryKey = (q: string) => ['directory', q] as const;

export function useDirectory(q: string) {
  return useInfiniteQuery({
    queryKey: directoryKey(q),
    queryFn: ({ pageParam }) => findPeople(q, DIRECTORY_PAGE, pageParam),
    initialPageParam: 0,
    getNextPageParam: nextOffset,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
