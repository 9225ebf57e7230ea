import { TOKEN } from '../mentions';

/**
 * A quote's snippet as one line of plain text: stored mentions become @name (as the
 * message itself shows them), line breaks become spaces. Markdown stays as typed: a
 * quote is a reminder, not a second rendering of the message.
 */
export function quoteText(snippet: string, nameOf: (id: number) => string | undefined, roomWord: string): string {
  return snippet
    .replace(TOKEN, (whole, id: string | undefined) => {
      if (id === undefined) return `@${roomWord}`;
      const name = nameOf(Number(id));
      return name === undefined ? whole : `@${name}`;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
