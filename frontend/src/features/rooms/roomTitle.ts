import type { AuthorPublic, RoomPublic } from '../../api';

/** A direct message: a room of fixed people, named by them rather than by a stored name. */
export function isDirect(room: Pick<RoomPublic, 'kind'> | undefined): boolean {
  return room?.kind === 'dm';
}

export function personName(person: Pick<AuthorPublic, 'display_name' | 'username'>): string {
  return person.display_name || person.username;
}

/**
 * What to call the room in plain text (composer placeholder, labels): its name, or for a
 * direct message the other people's names. Rendered names still go through <bdi> each.
 */
export function roomTitle(room: RoomPublic): string {
  if (!isDirect(room)) return room.name;
  const people = room.direct_with ?? [];
  return people.length > 0 ? people.map(personName).join(', ') : room.name;
}
