import type { QueryClient } from '@tanstack/react-query';

import type { AuthorPublic, MemberPublic, RoomPublic, UserPublic } from '../../api';
import { currentUserKey } from '../auth';
import { roomsKey } from '../rooms';

type Person = Pick<AuthorPublic, 'id' | 'display_name' | 'avatar_url'>;

const isMembersKey = (key: readonly unknown[]) => key[0] === 'rooms' && key[2] === 'members' && key.length === 3;
const isRoomKey = (key: readonly unknown[]) => key[0] === 'rooms' && typeof key[1] === 'number' && key.length === 2;

function withPerson(room: RoomPublic, person: Person): RoomPublic {
  if (!room.direct_with?.some((other) => other.id === person.id)) return room;
  return {
    ...room,
    direct_with: room.direct_with.map((other) =>
      other.id === person.id
        ? {
            ...other,
            display_name: person.display_name,
            avatar_url: person.avatar_url,
          }
        : other,
    ),
  };
}

/**
 * A `profile` frame into every cache that names the person: members lists (which message
 * headers read too), direct messages' people, and my own account.
 */
export function applyProfile(queryClient: QueryClient, person: Person): void {
  queryClient.setQueriesData<MemberPublic[]>({ predicate: (query) => isMembersKey(query.queryKey) }, (members) =>
    members?.map((member) =>
      member.user_id === person.id
        ? {
            ...member,
            display_name: person.display_name,
            avatar_url: person.avatar_url,
          }
        : member,
    ),
  );
  queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => rooms?.map((room) => withPerson(room, person)));
  queryClient.setQueriesData<RoomPublic>({ predicate: (query) => isRoomKey(query.queryKey) }, (room) =>
    room ? withPerson(room, person) : room,
  );
  queryClient.setQueryData<UserPublic>(currentUserKey, (me) =>
    me?.id === person.id
      ? {
          ...me,
          display_name: person.display_name,
          avatar_url: person.avatar_url,
        }
      : me,
  );
}

/** After a reconnect: `profile` frames missed while away are not replayed, so refetch. */
export function refetchPeople(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({
    predicate: (query) => isMembersKey(query.queryKey) || isRoomKey(query.queryKey),
  });
  void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
  void queryClient.invalidateQueries({ queryKey: currentUserKey });
}
