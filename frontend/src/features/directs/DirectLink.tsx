import { Avatar, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import type { RoomPublic } from '../../api';
import { useOnlineCount } from '../../realtime';
import { UserAvatar } from '../profile';
import { isMuted, personName, roomTitle, useRoomBadges } from '../rooms';
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
  const muted = isMuted(room);
  const { loud, said, badges } = useRoomBadges(room.id, muted);
  const only = people.length === 1 ? people[0] : undefined;
  // One dot either way (a row of them would not fit): the one other person's presence,
  // or whether anyone of a group is here, with how many said in words.
  const onlineCount = useOnlineCount(people.map((person) => person.id));
  const presence =
    onlineCount === 0 ? null : only ? t('chat.online') : t('directs.onlineCount', { count: onlineCount });
  return (
    <NavLink
      component={RouterLink}
      to={`/rooms/${room.id}`}
      onClick={onNavigate}
      className={muted ? 'room-link room-link--muted' : 'room-link'}
      data-testid="direct-link"
      label={<PeopleNames people={people} />}
      fw={loud ? 700 : 400}
      leftSection={
        // Faces first (pictures or initials), the one other person's presence on theirs.
        <span className="direct-faces">
          <Avatar.Group spacing={10}>
            {people.slice(0, 2).map((person) => (
              <UserAvatar key={person.id} userId={person.id} name={personName(person)} avatarUrl={person.avatar_url} size={24} />
            ))}
          </Avatar.Group>
          {only ? (
            <PresenceDot userId={only.id} />
          ) : (
            <span className={onlineCount > 0 ? 'presence-dot presence-dot--online' : 'presence-dot'} aria-hidden />
          )}
        </span>
      }
      aria-label={[roomTitle(room), presence, ...said].filter(Boolean).join(', ')}
      rightSection={badges}
    />
  );
}
