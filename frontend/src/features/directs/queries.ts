import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { findPeople } from '../../api';

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
