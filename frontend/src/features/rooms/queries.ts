import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { ApiError, listMyRooms, listRooms, readRoom, type RoomPublic } from '../../api';

/** The rooms I am in: the sidebar, unread badges and the socket's followed rooms. */
export const roomsKey = ['rooms'] as const;
export const roomKey = (roomId: number) => ['rooms', roomId] as const;
export const membersKey = (roomId: number) => ['rooms', roomId, 'members'] as const;
/** A room's report queue (its moderators'); the status filter is appended. */
export const reportsKey = (roomId: number) => ['rooms', roomId, 'reports'] as const;
/** Every room's reports, the site admin's queue (Admin → Reports). */
export const siteReportsKey = ['admin', 'reports'] as const;
/** What the list says of one room: what I may do there when I can no longer read it. */
export const listingKey = (roomId: number) => ['rooms', roomId, 'listing'] as const;
/** Pages of every room I may see, by name search (Browse rooms, the admin's lists). */
export const directoryPrefix = ['rooms', 'directory'] as const;
export const directoryKey = (search: string) => [...directoryPrefix, search] as const;

const DIRECTORY_PAGE = 50;

export function isMember(room: RoomPublic): boolean {
  return room.my_role !== null && room.my_role !== undefined;
}

/** Every room I am a member of, in name order. */
export function useMyRoomsQuery() {
  return useQuery({ queryKey: roomsKey, queryFn: listMyRooms });
}

export function useMyRooms(): RoomPublic[] | undefined {
  return useMyRoomsQuery().data;
}

/**
 * Public rooms and my private ones whose name contains `search`, a page at a time: the
 * whole list can be thousands of rooms, so nothing asks for it at once.
 */
export function useRoomDirectory(search: string, { enabled = true }: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery({
    queryKey: directoryKey(search),
    queryFn: ({ pageParam }) =>
      listRooms({ q: search || null, cursor: pageParam, limit: DIRECTORY_PAGE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    // While a new search loads, the last results stay rather than flashing to empty.
    placeholderData: keepPreviousData,
    enabled,
  });
  return { ...query, rooms: query.data?.pages.flatMap((page) => page.items) };
}

/**
 * One room, seeded from my list when it is there so opening a room shows at once.
 *
 * Once I lose the right to read it (kicked or banned: 403, gone private: 404) the query
 * keeps its last copy, with the actions I had then. The room's listing, fetched then and
 * refetched by the same frames, says what I may do now (join again, or nothing) as long
 * as the list still shows me the room.
 */
export function useRoom(roomId: number): { data: RoomPublic | undefined; error: Error | null; isPending: boolean } {
  const myRooms = useMyRooms();
  const valid = Number.isInteger(roomId) && roomId > 0;
  const query = useQuery({
    queryKey: roomKey(roomId),
    queryFn: () => readRoom(roomId),
    initialData: () => myRooms?.find((room) => room.id === roomId),
    enabled: valid,
  });
  const refused = query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404);
  const listing = useQuery({
    queryKey: listingKey(roomId),
    queryFn: async () => (await listRooms({ ids: [roomId] })).items.at(0) ?? null,
    enabled: valid && refused,
  });
  const listed = refused ? (listing.data ?? undefined) : undefined;
  return { data: listed ?? query.data, error: query.error, isPending: query.isPending };
}
