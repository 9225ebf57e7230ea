import { Button, Center, Loader, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { RoomState } from '../../realtime';
import { DaySeparator } from './DaySeparator';
import { buildTimeline } from './grouping';
import { JumpContext } from './jump';
import { JumpNotice } from './JumpNotice';
import { MessageGroupView } from './MessageGroupView';
import { PendingMessage } from './PendingMessage';
import { useJumpToMessage } from './useJumpToMessage';
import { useOlderHistory } from './useOlderHistory';
import { useScrollKeeper } from './useScrollKeeper';
import { useToday } from './useToday';

interface MessageListProps {
  roomId: number;
  roomName: string;
  /** A direct message: its start is a conversation's, not a room's. */
  direct?: boolean;
  state: RoomState;
  myId: number | undefined;
}

export function MessageList({ roomId, roomName, direct = false, state, myId }: MessageListProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const timeline = useMemo(() => buildTimeline(state.messages), [state.messages]);
  const today = useToday();
  const { loadOlder, loading, failed } = useOlderHistory(roomId);
  const jumper = useJumpToMessage(roomId, containerRef, loadOlder);
  const { jump } = jumper;
  const jumpTo = useCallback((seq: number) => void jump(seq), [jump]);
  const { onScroll, newBelow, scrollToBottom } = useScrollKeeper({
    containerRef,
    firstSeq: state.messages[0]?.seq,
    lastSeq: state.messages.at(-1)?.seq,
    pendingCount: state.pending.length,
    onNearTop: () => void loadOlder(),
  });

  // A first page shorter than the screen cannot be scrolled, so fetch more until it can.
  useEffect(() => {
    const element = containerRef.current;
    if (element && state.hasMore && element.scrollHeight <= element.clientHeight) void loadOlder();
  }, [state.hasMore, state.messages, loadOlder]);

  return (
    <JumpContext value={jumpTo}>
      <div className="message-list-frame">
        <JumpNotice status={jumper.status} onDismiss={jumper.dismiss} />
        <div
          ref={containerRef}
          className="message-list"
          onScroll={onScroll}
          role="log"
          aria-label={t('chat.messages', { room: roomName })}
          tabIndex={0}
        >
          {loading ? (
            <Center py="sm">
              <Loader size="sm" aria-label={t('chat.loadingOlder')} />
            </Center>
          ) : null}
          {failed ? (
            <Center py="sm">
              <Button variant="subtle" size="compact-md" onClick={() => void loadOlder()}>
                {t('chat.loadOlderFailed')} {t('chat.retry')}
              </Button>
            </Center>
          ) : null}
          {state.historyLoaded && !state.hasMore ? (
            <Text c="dimmed" size="sm" ta="center" py="md">
              {state.messages.length === 0 && state.pending.length === 0
                ? t('chat.noMessages')
                : t(direct ? 'chat.beginningDirect' : 'chat.beginning', { room: roomName })}
            </Text>
          ) : null}
          {timeline.map((item) =>
            item.kind === 'day' ? (
              <DaySeparator key={item.key} day={item.day} firstAt={item.firstAt} today={today} />
            ) : (
              <MessageGroupView key={item.key} group={item.group} own={item.group.authorId === myId} roomId={roomId} />
            ),
          )}
          {state.pending.map((entry) => (
            <PendingMessage key={entry.clientId} roomId={roomId} entry={entry} />
          ))}
        </div>
        {newBelow ? (
          <Button
            className="jump-latest"
            radius="xl"
            size="sm"
            leftSection={<IconArrowDown size={16} aria-hidden />}
            onClick={scrollToBottom}
          >
            {t('chat.jumpToLatest')}
          </Button>
        ) : null}
      </div>
    </JumpContext>
  );
}
