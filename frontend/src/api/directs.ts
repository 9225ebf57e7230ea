import { unwrap } from './errors';
import { directsOpenDirect, usersFindPeople } from './generated';
import type { AuthorPublic, RoomPublic } from './generated';

/** The one conversation of me and these people (1 to 7 others), started if there is none. */
export const openDirect = (userIds: readonly number[]): Promise<RoomPublic> =>
  unwrap(directsOpenDirect({ body: { user_ids: [...userIds] } }));

/** Active accounts whose username or display name contains `q` (the people directory). */
export const findPeople = (q: string, limit = 20): Promise<AuthorPublic[]> =>
  unwrap(usersFindPeople({ query: { q, limit } }));
