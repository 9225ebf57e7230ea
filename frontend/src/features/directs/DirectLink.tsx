import { Avatar, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { usePresence } from '../../realtime';
import { UserAvatar } from '../profile';
import { personName, roomTitle, useRoomBadges } from '../rooms';
import { PeopleNames } from './PeopleNames';
import { PresenceDot } from './PresenceDot';

interface DirectLinkProps {
  room: RoomPublic;
  onNavigate?: () => void;
}

/** One direct message in the sidebar: the other people, whether they are here, and badges. */
export function DirectLink({ room, onNavigate }: DirectLinkProps) {
  const { t } = useTranslation();
  const people = room.direct_with ?? [];
  const { unread, said, badges } = useRoomBadges(room.id);
  const only = people.length === 1 ? people[0] : undefined;
  // Presence of the one other person; a group shows two faces (a row of dots would not fit).
  // Hooks run unconditionally, so a group asks about id 0, which is nobody.
  const online = usePresence(only?.id ?? 0) && only !== undefined;
  return (
    <NavLink
      component={RouterLink}
      to={`/rooms/${room.id}`}
      onClick={onNavigate}
      className="room-link"
      data-testid="direct-link"
      label={<PeopleNames people={people} />}
      fw={unread > 0 ? 700 : 400}
      leftSection={
        // Faces first (pictures or initials), the one other person's presence on theirs.
        <span className="direct-faces">
          <Avatar.Group spacing={10}>
            {people.slice(0, 2).map((person) => (
              <UserAvatar key={person.id} userId={person.id} name={personName(person)} avatarUrl={person.avatar_url} size={24} />
            ))}
          </Avatar.Group>
          {only ? <PresenceDot userId={only.id} /> : null}
        </span>
      }
      aria-label={[roomTitle(room), online ? t('chat.online') : null, ...said].filter(Boolean).join(', ')}
      rightSection={badges}
    />
  );
}
