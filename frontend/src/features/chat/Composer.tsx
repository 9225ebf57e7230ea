import { ActionIcon, Group, Text, Textarea } from '@mantine/core';
import { IconLock, IconSend } from '@tabler/icons-react';
import { type KeyboardEvent, useCallback, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { QuotedMessage } from '../../api';
import { quoteOf, useRealtime } from '../../realtime';
import {
  AttachButton,
  DropOverlay,
  PendingAttachments,
  pastedFiles,
  useComposerAttachments,
  useFileDrop,
} from '../uploads';
import { MentionSuggestions, optionId, useMentionPicker } from '../mentions';
import { blocksSending, type SendLimits, SendLimitNotice } from '../moderation';
import { can, useRoom } from '../rooms';
import { useMessageLimits } from './limits';
import { saveDraft } from './drafts';
import { HeldNotice } from './HeldNotice';
import { ReplyBar } from './ReplyBar';
import { useReplyStore, useReplyTarget } from './replying';
import { useDraft } from './useDraft';
import { useHeldSend } from './useHeldSend';
import { useKeptHeld } from './useKeptHeld';

interface ComposerProps {
  roomId: number;
  roomName: string;
  /** Locked for me: the room is read-only and I am not its owner or a moderator. */
  locked: boolean;
  /** Mute and slow mode (features/moderation); absent means no limits. */
  limits?: SendLimits;
  /** Whose draft this is (drafts are kept per user and room); undefined: not kept. */
  userId?: number;
  /** ↑ in an empty composer: edit my last message here. Absent when there is none I may edit. */
  onEditLast?: (composer: HTMLTextAreaElement) => void;
}

export function Composer({ roomId, roomName, locked, limits, userId, onEditLast }: ComposerProps) {
  const { t } = useTranslation();
  const client = useRealtime();
  const [body, setBody] = useDraft(roomId, userId);
  const attachments = useComposerAttachments(roomId);
  const addFiles = (files: File[]) => void attachments.add(files);
  const dragging = useFileDrop(addFiles, !locked);
  const { maxLength, counterFrom } = useMessageLimits();
  const tooLong = body.length > maxLength;
  const limited = limits !== undefined && blocksSending(limits.limit);
  const { takeForSend } = attachments;
  const replies = useReplyStore();
  const replyTarget = useReplyTarget();
  const deliver = useCallback(
    (encoded: string, replyTo: QuotedMessage | null, clientId: string) => {
      client.send(roomId, encoded, takeForSend(), replyTo, clientId);
      limits?.noteSent();
    },
    [client, roomId, takeForSend, limits],
  );
  const { held, hold, cancel } = useHeldSend({
    waiting: attachments.uploading || attachments.stalled,
    hasFiles: attachments.sendable,
    deliver,
  });
  useKeptHeld(roomId, held, attachments.items);
  const hasContent = body.trim() !== '' || attachments.sendable || attachments.uploading;
  // One message waits for its files at a time: a second would overtake it.
  const canSend = !locked && !limited && hasContent && !tooLong && held === null;
  const input = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const { data: room } = useRoom(roomId);
  const mentions = useMentionPicker({ value: body, setValue: setBody, input, canCallRoom: can(room, 'mention_room') });

  const send = () => {
    if (!canSend) return;
    const encoded = body.trim() === '' ? '' : mentions.encode(body);
    const replyTo = replyTarget ? quoteOf(replyTarget) : null;
    const clientId = crypto.randomUUID();
    if (attachments.uploading || attachments.stalled) hold({ typed: body, body: encoded, replyTo, clientId });
    else deliver(encoded, replyTo, clientId);
    setBody('');
    replies.stop();
  };
  const unsend = () => {
    const back = cancel();
    if (!back) return;
    setBody(body === '' ? back.typed : `${back.typed}\n${body}`);
    // Taken back whole: it answers the same message again, if that is still loaded.
    const original = back.replyTo && client.store.get(roomId).messages.find((message) => message.id === back.replyTo?.id);
    if (original) replies.start(original);
  };
  // Picking Reply puts the caret here, ready to type the answer.
  useEffect(() => {
    if (replyTarget) input.current?.focus();
  }, [replyTarget]);
  // Leaving the room stops its uploads: a message still waiting for them is kept as the
  // room's draft rather than lost.
  const heldTyped = useRef<string | null>(null);
  useEffect(() => {
    heldTyped.current = held?.typed ?? null;
  }, [held]);
  useEffect(
    () => () => {
      const typed = heldTyped.current;
      if (typed && userId !== undefined) saveDraft(userId, roomId, typed);
    },
    [roomId, userId],
  );
  const onSubmit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms a Korean/Japanese IME syllable must not send.
    if (event.nativeEvent.isComposing) return;
    if (mentions.onKeyDown(event)) return;
    if (event.key === 'Escape' && replyTarget) {
      event.preventDefault();
      replies.stop();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
    // Only when there is nothing to lose: with text in the box, ↑ moves the caret.
    const plainKey = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === 'ArrowUp' && plainKey && body === '' && !attachments.sendable && onEditLast) {
      event.preventDefault();
      onEditLast(event.currentTarget);
    }
  };

  if (locked) {
    return (
      <Group className="composer composer--locked" gap="xs" role="status">
        <IconLock size={18} aria-hidden />
        <Text c="dimmed">{t('chat.composer.locked')}</Text>
      </Group>
    );
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <DropOverlay visible={dragging} />
      <PendingAttachments attachments={attachments} />
      {held ? <HeldNotice failed={attachments.stalled} onCancel={unsend} /> : null}
      {replyTarget ? <ReplyBar target={replyTarget} onCancel={replies.stop} /> : null}
      {limits ? <SendLimitNotice limit={limits.limit} /> : null}
      {mentions.open ? (
        <MentionSuggestions id={listId} options={mentions.options} highlighted={mentions.highlighted} onPick={mentions.pick} />
      ) : null}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <AttachButton onFiles={addFiles} />
        <Textarea
          className="composer-input"
          aria-label={t('chat.composer.label')}
          placeholder={t('chat.composer.placeholder', { room: roomName })}
          ref={input}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            mentions.track(event.currentTarget);
            if (event.currentTarget.value !== '') client.typing(roomId);
          }}
          onSelect={(event) => mentions.track(event.currentTarget)}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={mentions.open}
          aria-controls={mentions.open ? listId : undefined}
          aria-activedescendant={mentions.open ? optionId(listId, mentions.highlighted) : undefined}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            const files = pastedFiles(event);
            if (files.length > 0) addFiles(files);
          }}
          autosize
          minRows={1}
          maxRows={8}
          size="md"
          error={tooLong ? t('chat.composer.tooLong', { max: maxLength }) : undefined}
          enterKeyHint="send"
          disabled={limits?.limit.kind === 'muted'}
        />
        <ActionIcon type="submit" size={46} radius="md" disabled={!canSend} aria-label={t('chat.composer.send')}>
          <IconSend size={20} aria-hidden />
        </ActionIcon>
      </Group>
      {body.length >= counterFrom ? (
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'} ta="right" aria-live="polite">
          {t('chat.composer.left', { count: maxLength - body.length })}
        </Text>
      ) : null}
    </form>
  );
}
