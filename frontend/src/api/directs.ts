import { unwrap } from './errors';
import { directsOpenDirect, usersFindPeople } from './generated';
import type { AuthorPublic, RoomPublic } from './generated';

/** The one conversation of me and these people (1 to 7 others), started if there is none. */
export const openDirect = (userIds: readonly number[]): Promise<RoomPublic> =>
  unwrap(directsOpenDirect({ body: { user_ids: [...userIds] } }));

/**
 * Active accounts whose username or display name contains `q`, by display name; `offset`
 * pages on through them (a page shorter than `limit` is the last).
 */
export const findPeople = (q: string, limit = 20, offset = 0): Promise<AuthorPublic[]> =>
  unwrap(usersFindPeople({ query: offset > 0 ? { q, limit, offset } : { q, limit } }));
