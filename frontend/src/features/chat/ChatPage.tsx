import { Alert, Center, Loader, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { ApiError, type RoomPublic } from '../../api';
import { useRealtime, useRoomState } from '../../realtime';
import { useCurrentUser } from '../auth';
import { MentionDirectory } from '../mentions';
import { RoomStandingNotice, useSendLimit } from '../moderation';
import { useReadReceipts } from '../receipts';
import { NotificationPrompt } from '../notifications';
import { can, isDirect, isMember, roomTitle, useRoom } from '../rooms';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { createEditingStore, EditingContext } from './editing';
import { createReplyStore, ReplyContext } from './replying';
import { JoinBar } from './JoinBar';
import { MessageList } from './MessageList';
import { preloadRichText } from './richText';
import { TypingIndicator } from './TypingIndicator';

function ChatRoom({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const client = useRealtime();
  const state = useRoomState(room.id);
  const { data: me } = useCurrentUser();
  const member = isMember(room);
  // A direct message is called by its people's names (placeholder, labels).
  const title = roomTitle(room);
  const [editing] = useState(createEditingStore);
  const [replies] = useState(createReplyStore);
  useEffect(preloadRichText, []);

  // Follow the room while it is open (public rooms can be previewed before joining).
  // Re-tracked when membership flips, so a rejoin after a kick subscribes afresh.
  useEffect(() => client.track(room.id), [client, room.id, member]);
  const receipts = useReadReceipts(room.id, member && Boolean(me?.read_receipts), room.member_count ?? 0);
  const limits = useSendLimit(room);
  const removed = state.standing.removed;
  const historyLoaded = state.historyLoaded;
  // Asked again whenever my standing changes: a page refused while I was banned loads once I am let back in.
  useEffect(() => {
    if (!historyLoaded) client.reloadLatest(room.id).catch(() => undefined);
  }, [client, room.id, historyLoaded, member, removed]);
  // Nothing more will load: the server said the room is gone, or that I may not read it.
  const closed = state.gone || removed === 'banned' || (removed === 'kicked' && room.is_private);

  // `post` leaves my_actions while the room is locked for me or I am muted; a mute has its
  // own live notice (limits, fed by frames before any refetch), so a lock is what is left.
  const locked = room.locked && !can(room, 'post') && limits.limit.kind !== 'muted';
  // ↑ in the composer edits the last of my messages still standing, where I may edit.
  const myLast = state.messages.findLast((message) => message.author.id === me?.id && message.deleted_at === null);
  const editLast =
    myLast && can(room, 'edit_own') ? (composer: HTMLElement) => editing.start(myLast.id, composer) : undefined;
  return (
    <EditingContext value={editing}>
      <ReplyContext value={replies}>
        <MentionDirectory roomId={room.id} myId={me?.id}>
          <div className="chat-view">
            <ChatHeader room={room} online={state.online} />
            <NotificationPrompt />
            {state.historyLoaded || state.messages.length > 0 ? (
              <MessageList
                roomId={room.id}
                roomName={title}
                direct={isDirect(room)}
                state={state}
                myId={me?.id}
                member={member}
                knownReadSeq={room.last_read_seq ?? 0}
                receipts={receipts}
              />
            ) : closed ? (
              <div className="message-list-frame" />
            ) : (
              <Center className="message-list-frame">
                {/* Removed before history loaded (e.g. reopened after a kick): it never will. */}
                {removed ? null : <Loader aria-label={t('app.loading')} />}
              </Center>
            )}
            <TypingIndicator typing={state.typing} />
            {state.gone ? (
              <Alert className="room-standing" color="gray" icon={<IconTrash size={20} aria-hidden />} role="alert" title={t('chat.deleted')} />
            ) : removed ? (
              <RoomStandingNotice standing={state.standing} />
            ) : null}
            {state.gone ? null : member && removed === null ? (
              <Composer
                roomId={room.id}
                roomName={title}
                locked={locked}
                limits={limits}
                userId={me?.id}
                onEditLast={editLast}
              />
            ) : (removed === null || removed === 'kicked') && can(room, 'join') ? (
              <JoinBar roomId={room.id} roomName={room.name} />
            ) : null}
          </div>
        </MentionDirectory>
      </ReplyContext>
    </EditingContext>
  );
}

/** /rooms/:roomId — the conversation, its header and the composer. */
export function ChatPage() {
  const { t } = useTranslation();
  const roomId = Number(useParams().roomId);
  const { data: room, error, isPending } = useRoom(roomId);
  const client = useRealtime();
  // The newest page is asked for beside the room itself, not once the room is here: one
  // round trip (and one render) less before the first message on a slow phone. ChatRoom
  // shares this request (reloadLatest is single-flight) and asks again if it failed.
  useEffect(() => {
    if (Number.isInteger(roomId) && !client.store.get(roomId).historyLoaded) {
      client.reloadLatest(roomId).catch(() => undefined);
    }
  }, [client, roomId]);

  if (room) return <ChatRoom key={room.id} room={room} />;
  if (isPending && Number.isInteger(roomId)) {
    return (
      <Center mih="50dvh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  const notFound = !Number.isInteger(roomId) || (error instanceof ApiError && (error.status === 404 || error.status === 403));
  return (
    <Center mih="50dvh">
      <Text c="dimmed" role="alert">
        {notFound ? t('chat.notFound') : t('chat.loadFailed')}
      </Text>
    </Center>
  );
}
