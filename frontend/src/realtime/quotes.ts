import type { QuotedMessage } from '../api';
import type { WireMessage } from './protocol';

/** As services/quotes.py quotes: the first 200 characters as typed (code points, like Python). */
export const SNIPPET_CHARS = 200;

export function snippetOf(body: string): string {
  const chars = Array.from(body);
  return chars.length <= SNIPPET_CHARS ? body : chars.slice(0, SNIPPET_CHARS).join('');
}

/** The quote a reply to `message` carries, made here so a pending reply shows it at once. */
export function quoteOf(message: WireMessage): QuotedMessage {
  return {
    id: message.id,
    seq: message.seq,
    author: message.author,
    snippet: snippetOf(message.body),
    deleted: message.deleted_at !== null,
  };
}

/**
 * Replies held whose original just changed (an edit or a tombstone) get its new quote:
 * the server reads a quote when it shows a reply, so a client holding one keeps it true
 * itself (docs/protocol.md). The same array when no reply quotes it.
 */
export function refreshQuotes(messages: readonly WireMessage[], original: WireMessage): readonly WireMessage[] {
  if (!messages.some((message) => message.reply_to?.id === original.id)) return messages;
  const quote = quoteOf(original);
  const fresh = quote.deleted ? { ...quote, snippet: '' } : quote;
  return messages.map((message) =>
    message.reply_to?.id === original.id ? { ...message, reply_to: fresh } : message,
  );
}
