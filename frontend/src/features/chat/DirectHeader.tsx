import { Group, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

import type { RoomPublic } from '../../api';
import { PersonName, PresenceDot } from '../directs';
import { RoomNotificationsMenu } from '../notifications';
import { HistoryMenu } from './HistoryMenu';

/**
 * A direct message's header: the other people (each opens their profile card) with
 * whether they are here, and what of it notifies me. No name, topic, invite or room
 * settings: a DM has none of those.
 */
export function DirectHeader({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const people = room.direct_with ?? [];
  return (
    <Group className="chat-header" wrap="nowrap" gap="sm">
      <Title order={1} fz={20} lh={1.3} lineClamp={2} className="direct-title">
        {people.length === 0 ? <bdi>{room.name}</bdi> : null}
        {people.map((person, index) => (
          <Fragment key={person.id}>
            {index > 0 ? ', ' : null}
            <span className="direct-person">
              <PresenceDot userId={person.id} />
              <PersonName person={person} />
            </span>
          </Fragment>
        ))}
      </Title>
      {people.length > 1 ? (
        <Text size="sm" c="dimmed" className="direct-count">
          {t('rooms.members', { count: people.length + 1 })}
        </Text>
      ) : null}
      <span className="direct-notify">
        <HistoryMenu room={room} />
        <RoomNotificationsMenu room={room} />
      </span>
    </Group>
  );
}
