import { Group, Text } from '@mantine/core';
import { IconPinFilled } from '@tabler/icons-react';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { WireMessage } from '../../realtime';
import { useCurrentUser } from '../auth';
import { decodeMentions, encodeMentions, useMentionDirectory } from '../mentions';
import { usePin } from '../pins';
import { AddReaction, ReactionBar, useReaction } from '../reactions';
import { can, useRoom } from '../rooms';
import { MessageAttachments } from '../uploads';
import { type MessageDialog, MessageDialogs, useMessagePermissions } from '../moderation';
import { useEditingStore, useIsEditing } from './editing';
import { EditMessageForm } from './EditMessageForm';
import { MessageActions } from './MessageActions';
import { MessageActionSheet } from './MessageActionSheet';
import { MessageQuote } from './MessageQuote';
import { useReplyStore } from './replying';
import { MessageBody } from './richText';
import { fullDate, shortTime } from './time';
import { TimeHint } from './TimeHint';
import { useLongPress } from './useLongPress';
import { useMessageMutations } from './useMessageMutations';

interface MessageItemProps {
  message: WireMessage;
  own: boolean;
  roomId: number;
}

export const MessageItem = memo(function MessageItem({ message, own, roomId }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const editing = useIsEditing(message.id);
  const editingStore = useEditingStore();
  const deleted = message.deleted_at !== null;
  const { edit } = useMessageMutations(roomId);
  const [dialog, setDialog] = useState<MessageDialog>(null);
  const [reported, setReported] = useState(false);
  const [sheet, setSheet] = useState(false);
  const longPress = useLongPress(() => setSheet(true));
  const { canEdit, canDelete, canReport, canReact } = useMessagePermissions(roomId, message.author.id);
  const { data: me } = useCurrentUser();
  const { data: room } = useRoom(roomId);
  const canCallRoom = can(room, 'mention_room');
  const replies = useReplyStore();
  // Answering needs the right to post here; a tombstone has nothing left to answer.
  const canReply = !deleted && can(room, 'post');
  // Deleted while I was answering it: the server would refuse the reply, so the bar goes.
  // Edited: the bar shows the words as they are now.
  useEffect(() => {
    const answering = replies.current();
    if (answering?.id !== message.id) return;
    if (deleted) replies.stop();
    else if (answering !== message) replies.start(message);
  }, [deleted, replies, message]);
  const reaction = useReaction(message.id);
  const toggle = (emoji: string, on: boolean) => reaction.mutate({ emoji, on });
  const pin = usePin(message.id);
  const pinned = !deleted && (message.pinned_at ?? null) !== null;
  const canPin = !deleted && can(room, 'pin');
  // Someone else's message that names me or calls the room stands out.
  const mentionsMe =
    !own && !deleted && me !== undefined && (message.mentions_room === true || (message.mentions ?? []).includes(me.id));
  const { members } = useMentionDirectory();
  const people =
    editing || sheet ? (members ?? []).map((member) => ({ id: member.user_id, username: member.username })) : [];
  const actions = {
    onReply: canReply ? () => replies.start(message) : undefined,
    onEdit: canEdit ? () => editingStore.start(message.id) : undefined,
    onDelete: canDelete ? () => setDialog('delete') : undefined,
    onReport: canReport ? () => setDialog('report') : undefined,
    onPin: canPin ? () => pin.mutate(!pinned) : undefined,
    pinned,
  };

  if (editing && !deleted) {
    return (
      <div className="message message--editing" data-testid="message" data-seq={message.seq}>
        <EditMessageForm
          // Shown as typed (@username), stored again as ids (<@id>).
          initial={decodeMentions(message.body, people)}
          encode={(body) => encodeMentions(body, people, canCallRoom)}
          saving={edit.isPending}
          onCancel={() => editingStore.stop(message.id)}
          onSave={(body) => edit.mutate({ id: message.id, body }, { onSuccess: () => editingStore.stop(message.id) })}
        />
      </div>
    );
  }

  return (
    <div
      className={['message', own ? 'message--own' : '', mentionsMe ? 'message--mention' : ''].filter(Boolean).join(' ')}
      data-testid="message"
      data-seq={message.seq}
      // Touch: a long press opens the action sheet (the row's buttons are hidden there).
      {...(deleted ? {} : longPress)}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <time
          // Shown on hover/focus only: the group header already says when the run began.
          className="message-time message-time--hover"
          dateTime={message.created_at}
          title={fullDate(message.created_at, i18n.language)}
        >
          {shortTime(message.created_at, i18n.language)}
        </time>
        {deleted ? (
          <Text className="message-body" c="dimmed" fs="italic" size="sm">
            {t('chat.removed')}
          </Text>
        ) : (
          <Text className="message-body" component="div">
            {message.reply_to ? <MessageQuote quote={message.reply_to} /> : null}
            {pinned ? (
              <IconPinFilled size={14} className="message-pin" role="img" aria-label={t('pins.pinned')} data-testid="pin-mark" />
            ) : null}
            <MessageBody body={message.body} />
            {message.edited_at ? (
              <TimeHint
                iso={message.edited_at}
                full={t('chat.editedAt', { time: fullDate(message.edited_at, i18n.language) })}
                className="message-edited"
              >
                {t('chat.edited')}
              </TimeHint>
            ) : null}
            <MessageAttachments attachments={message.attachments} />
            <ReactionBar
              roomId={roomId}
              reactions={message.reactions ?? []}
              myId={me?.id}
              canReact={canReact}
              onToggle={toggle}
            />
          </Text>
        )}
        {!deleted && canReact ? <AddReaction onPick={(emoji) => toggle(emoji, true)} className="message-menu" /> : null}
        {!deleted && (canReply || canPin || canEdit || canDelete || canReport) ? <MessageActions {...actions} /> : null}
      </Group>
      {reaction.isError ? (
        <Text c="red" size="xs" role="alert">
          {t('reactions.failed')}
        </Text>
      ) : null}
      {pin.isError ? (
        <Text c="red" size="xs" role="alert">
          {t('pins.pinFailed')}
        </Text>
      ) : null}
      {edit.isError ? (
        <Text c="red" size="xs" role="alert">
          {t('chat.actions.editFailed')}
        </Text>
      ) : null}
      {sheet ? (
        <MessageActionSheet
          opened
          onClose={() => setSheet(false)}
          title={t('chat.actions.sheetTitle', {
            name: message.author.display_name || message.author.username,
            time: fullDate(message.created_at, i18n.language),
          })}
          text={message.body === '' ? undefined : decodeMentions(message.body, people)}
          onReact={canReact ? (emoji) => toggle(emoji, true) : undefined}
          {...actions}
        />
      ) : null}
      {dialog !== null ? (
        <MessageDialogs
          roomId={roomId}
          message={message}
          open={dialog}
          onClose={() => setDialog(null)}
          onReported={() => setReported(true)}
          own={own}
        />
      ) : null}
      {reported ? (
        <Text c="dimmed" size="xs" role="status">
          {t('moderation.message.reported')}
        </Text>
      ) : null}
    </div>
  );
});
