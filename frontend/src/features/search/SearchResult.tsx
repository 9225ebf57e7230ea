import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { RoomPublic, SearchHit } from '../../api';
import { UserAvatar } from '../profile';
import { personName, roomTitle } from '../rooms';
import { HighlightedText } from './HighlightedText';
import { searchSnippet } from './snippet';
import { fullStamp, stamp } from './stamp';

interface SearchResultProps {
  hit: SearchHit;
  highlight: readonly string[];
  /** My copy of the hit's room, which names a direct message by its people. */
  myRoom: RoomPublic | undefined;
}

/** One match: who, where, when, and the text around the match; a click opens the room there. */
export function SearchResult({ hit, highlight, myRoom }: SearchResultProps) {
  const { t, i18n } = useTranslation();
  const author = personName(hit.author);
  const room = myRoom ? roomTitle(myRoom) : hit.room.name;
  const text = searchSnippet(hit.body, highlight, { roomWord: t('mentions.room'), someone: t('mentions.someone') });
  return (
    <li>
      <UnstyledButton
        component={Link}
        to={`/rooms/${hit.room.id}?message=${hit.seq}`}
        className="search-hit"
        data-testid="search-hit"
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <UserAvatar userId={hit.author.id} name={author} avatarUrl={hit.author.avatar_url} size={36} />
          <Stack gap={2} miw={0} flex={1}>
            <Group gap="xs" wrap="wrap" className="search-hit-meta">
              <Text span fw={600} size="sm">
                <bdi>{author}</bdi>
              </Text>
              <Text span size="sm" c="dimmed">
                {hit.room.kind === 'dm' ? '' : '#'}
                <bdi>{room}</bdi>
              </Text>
              <Text span size="xs" c="dimmed" component="time" dateTime={hit.created_at} title={fullStamp(hit.created_at, i18n.language)}>
                {stamp(hit.created_at, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" className="search-hit-text">
              {text === '' ? t('notifications.attachment') : <HighlightedText text={text} words={highlight} />}
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
    </li>
  );
}
