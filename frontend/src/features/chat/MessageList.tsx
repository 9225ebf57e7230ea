import { Button, Center, Loader, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ReadReceipt } from '../../api';
import type { RoomState } from '../../realtime';
import { placeReaders, SeenBy } from '../receipts';
import { DaySeparator } from './DaySeparator';
import { buildTimeline } from './grouping';
import { JumpContext } from './jump';
import { JumpNotice } from './JumpNotice';
import { MessageGroupView } from './MessageGroupView';
import { PendingMessage } from './PendingMessage';
import { firstUnreadSeq, unreadBeforeWindow } from './unread';
import { UnreadDivider } from './UnreadDivider';
import { FirstUnreadPill, NewBelowPill } from './UnreadPills';
import { useDeepLinkJump } from './useDeepLinkJump';
import { useDividerAbove } from './useDividerAbove';
import { nextFrames, useJumpToMessage } from './useJumpToMessage';
import { useOlderHistory } from './useOlderHistory';
import { useReadTracker } from './useReadTracker';
import { useScrollKeeper } from './useScrollKeeper';
import { useToday } from './useToday';
import { lastReadHeld, scrollToDivider, useUnreadLanding } from './useUnreadLanding';
import { useUnreadMarker } from './useUnreadMarker';

interface MessageListProps {
  roomId: number;
  roomName: string;
  /** A direct message: its start is a conversation's, not a room's. */
  direct?: boolean;
  state: RoomState;
  myId: number | undefined;
  /** A member's reading counts; a preview reads nothing and has no "new messages". */
  member: boolean;
  /** The room's own read marker (RoomPublic.last_read_seq), for before the store is seeded. */
  knownReadSeq: number;
  /** Where the others who share read receipts have read ("seen by"); empty without. */
  receipts?: readonly ReadReceipt[];
}

const NO_RECEIPTS: readonly ReadReceipt[] = [];

export function MessageList({
  roomId,
  roomName,
  direct = false,
  state,
  myId,
  member,
  knownReadSeq,
  receipts = NO_RECEIPTS,
}: MessageListProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const marker = useUnreadMarker(state, member, myId, knownReadSeq);
  const unreadSeq = marker ? firstUnreadSeq(state.messages, marker.readSeq, myId) : undefined;
  const timeline = useMemo(() => buildTimeline(state.messages, unreadSeq), [state.messages, unreadSeq]);
  const seenBy = useMemo(
    () =>
      placeReaders(
        timeline.flatMap((item) =>
          item.kind === 'group' ? [{ key: item.key, lastSeq: item.group.messages.at(-1)?.seq ?? 0 }] : [],
        ),
        receipts,
      ),
    [timeline, receipts],
  );
  const today = useToday();
  const { loadOlder, loading, failed } = useOlderHistory(roomId);
  const jumper = useJumpToMessage(roomId, containerRef, loadOlder);
  const { jump, reach } = jumper;
  const jumpTo = useCallback((seq: number) => void jump(seq), [jump]);
  const [landing, setLanding] = useState(true);
  const { onScroll, newBelow, bottomInView, scrollToBottom, settle } = useScrollKeeper({
    containerRef,
    firstSeq: state.messages[0]?.seq,
    lastSeq: state.messages.at(-1)?.seq,
    pendingCount: state.pending.length,
    onNearTop: () => void loadOlder(),
    hold: landing,
  });
  const landed = useUnreadLanding({ containerRef, marker, reach, scrollToBottom, settle });
  if (landed && landing) setLanding(false);
  useReadTracker(roomId, containerRef, member && landed);
  useDeepLinkJump(jump, landed);

  const beforeWindow = marker ? unreadBeforeWindow(state.messages[0]?.seq, marker.readSeq, state.hasMore) : false;
  const dividerAbove = useDividerAbove(containerRef, unreadSeq, marker != null && beforeWindow, landed);
  const goToFirstUnread = useCallback(async () => {
    if (!marker) return;
    const reached = await reach(lastReadHeld(marker));
    await nextFrames();
    const container = containerRef.current;
    if (!container) return;
    if (!scrollToDivider(container) && reached === 'tooFar') container.scrollTop = 0;
    // The pill goes away under the keyboard's focus: the list keeps it, where one arrived.
    container.focus({ preventScroll: true });
  }, [marker, reach]);
  const goToLatest = useCallback(() => {
    scrollToBottom();
    containerRef.current?.focus({ preventScroll: true });
  }, [scrollToBottom]);
  // Unread below the view: reading moves the marker to the lowest row showing.
  const unreadBelow = member && landed && !bottomInView ? Math.max(0, state.lastSeq - state.lastReadSeq) : 0;

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
            ) : item.kind === 'unread' ? (
              <UnreadDivider key={item.key} />
            ) : (
              <Fragment key={item.key}>
                <MessageGroupView group={item.group} own={item.group.authorId === myId} roomId={roomId} />
                {seenBy.has(item.key) ? <SeenBy userIds={seenBy.get(item.key) ?? []} /> : null}
              </Fragment>
            ),
          )}
          {state.pending.map((entry) => (
            <PendingMessage key={entry.clientId} roomId={roomId} entry={entry} />
          ))}
        </div>
        {marker && dividerAbove ? (
          <FirstUnreadPill count={marker.count} onClick={() => void goToFirstUnread()} />
        ) : null}
        {unreadBelow > 0 ? (
          <NewBelowPill count={unreadBelow} onClick={goToLatest} />
        ) : newBelow ? (
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
