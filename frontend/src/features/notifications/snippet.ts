import type { RoomPublic } from '../../api';
import { TOKEN } from '../mentions';
import { roomTitle } from '../rooms';
import type { WireMessageLike } from './types';

export const SNIPPET_MAX = 140;

/**
 * Markdown as a line of plain text, near enough for a notification: the marks go, what
 * they mark stays (a link's words, an image's alt text, code as typed). It is only ever
 * set as text (Notification body), never parsed as HTML.
 */
export function plainText(markdown: string): string {
  return (
    markdown
      // Fenced code: its contents, without the fences and language tag.
      .replace(/^\s*(```|~~~)[^\n]*$/gm, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
      .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      // Single * or _ only around words (snake_case and 2*3*4 keep theirs).
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export interface SnippetWords {
  /** `@room`'s word in the reader's language. */
  roomWord: string;
  /** For a mention of someone whose name this page does not hold. */
  someone: string;
  /** For a message that is only attachments. */
  attachment: string;
}

/** A message's text for a notification: mentions by name, plain text, cut at SNIPPET_MAX. */
export function snippet(message: WireMessageLike, nameOf: (id: number) => string | undefined, words: SnippetWords): string {
  const named = message.body.replace(TOKEN, (_whole, id: string | undefined) =>
    id === undefined ? `@${words.roomWord}` : `@${nameOf(Number(id)) ?? words.someone}`,
  );
  const text = plainText(named);
  if (text === '') return (message.attachments ?? []).length > 0 ? words.attachment : '';
  return text.length <= SNIPPET_MAX ? text : `${text.slice(0, SNIPPET_MAX - 1).trimEnd()}…`;
}

export interface Notice {
  title: string;
  body: string;
  /** One per room: a busy room replaces its notification rather than stacking them. */
  tag: string;
  /** Where clicking it goes: the room, at the message. */
  url: string;
}

export function messageUrl(roomId: number, seq: number): string {
  return `/rooms/${roomId}?message=${seq}`;
}

export function noticeFor(
  room: RoomPublic,
  message: WireMessageLike,
  nameOf: (id: number) => string | undefined,
  words: SnippetWords,
): Notice {
  const author = message.author.display_name || message.author.username;
  const text = snippet(message, nameOf, words);
  return {
    title: roomTitle(room),
    body: text === '' ? author : `${author}: ${text}`,
    tag: `room-${room.id}`,
    url: messageUrl(room.id, message.seq),
  };
}
