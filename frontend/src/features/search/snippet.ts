import { TOKEN } from '../mentions';
import { plainText } from '../notifications';
import { splitHighlights } from './highlight';

export const SNIPPET_LENGTH = 200;
// Words kept before the first match when the match is far in, so it reads in context.
const LEAD = 40;

export interface MentionWords {
  roomWord: string;
  someone: string;
}

/**
 * A hit's body as plain text around its first match: Markdown marks gone, mentions as
 * words (a search result has no member list to name them by), cut to SNIPPET_LENGTH
 * with an ellipsis on whichever side was cut.
 */
export function searchSnippet(body: string, highlight: readonly string[], words: MentionWords): string {
  const text = plainText(
    body.replace(TOKEN, (_whole, id: string | undefined) => `@${id === undefined ? words.roomWord : words.someone}`),
  );
  let start = 0;
  let offset = 0;
  for (const piece of splitHighlights(text, highlight)) {
    if (piece.match) {
      start = offset;
      break;
    }
    offset += piece.text.length;
  }
  let from = 0;
  if (start > LEAD && text.length > SNIPPET_LENGTH) {
    const space = text.lastIndexOf(' ', start - LEAD);
    from = space === -1 ? start - LEAD : space + 1;
  }
  const end = Math.min(text.length, from + SNIPPET_LENGTH);
  const cut = text.slice(from, end).trim();
  return `${from > 0 ? '…' : ''}${cut}${end < text.length ? '…' : ''}`;
}
