import { Group, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

import { PersonName } from '../directs';
import { useLivePerson, UserAvatar } from '../profile';
import type { MessageGroup } from './grouping';
import { MessageItem } from './MessageItem';
import { fullDate, shortTime } from './time';
import { TimeHint } from './TimeHint';

interface MessageGroupViewProps {
  group: MessageGroup;
  own: boolean;
  roomId: number;
}

/** An author's run of messages under one name and time. */
export const MessageGroupView = memo(function MessageGroupView({ group, own, roomId }: MessageGroupViewProps) {
  const { t, i18n } = useTranslation();
  // The author as the room knows them now: a new name or picture shows at once.
  const author = useLivePerson(group.author);
  const name = author.display_name || author.username;
  return (
    <section className={own ? 'message-group message-group--own' : 'message-group'} aria-label={name}>
      <Group gap="xs" wrap="nowrap" className="message-group-header">
        <UserAvatar userId={author.id} name={name} avatarUrl={author.avatar_url} size={28} />
        <Text fw={700} size="sm">
          {/* A name someone chose: isolated, so its direction never leaks into the line. */}
          <PersonName person={author} />
          {own ? (
            <Text span c="dimmed" size="xs" ml={4}>
              ({t('chat.you')})
            </Text>
          ) : null}
        </Text>
        <TimeHint iso={group.startedAt} full={fullDate(group.startedAt, i18n.language)} className="message-group-time">
          {shortTime(group.startedAt, i18n.language)}
        </TimeHint>
      </Group>
      {group.messages.map((message) => (
        <MessageItem key={message.seq} message={message} own={own} roomId={roomId} />
      ))}
    </section>
  );
});
