import { Avatar, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

import { PersonName } from '../directs';
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
  return (
    <section className={own ? 'message-group message-group--own' : 'message-group'} aria-label={group.authorName}>
      <Group gap="xs" wrap="nowrap" className="message-group-header">
        <Avatar size={28} radius="xl" name={group.authorName} color={own ? 'indigo' : 'initials'} aria-hidden />
        <Text fw={700} size="sm">
          {/* A name someone chose: isolated, so its direction never leaks into the line. */}
          {group.messages[0] ? <PersonName person={group.messages[0].author} /> : <bdi>{group.authorName}</bdi>}
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
