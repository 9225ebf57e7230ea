export interface Piece {
  text: string;
  match: boolean;
}

// A word: letters, marks and digits (Hangul included), so punctuation and spaces split.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Splits `text` into pieces, marking each word whose case-folded form starts with one of
 * `words` (the server's normalised terms: stems for English, as typed for Korean), so a
 * stem "meet" marks "Meetings" and "회의" marks "회의를".
 */
export function splitHighlights(text: string, words: readonly string[]): Piece[] {
  const terms = words.map((word) => word.toLocaleLowerCase()).filter((word) => word !== '');
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const pieces: Piece[] = [];
  let last = 0;
  const push = (piece: Piece) => {
    const previous = pieces.at(-1);
    if (previous && previous.match === piece.match) previous.text += piece.text;
    else pieces.push(piece);
  };
  for (const found of text.matchAll(WORD)) {
    const word = found[0];
    const folded = word.toLocaleLowerCase();
    if (!terms.some((term) => folded.startsWith(term))) continue;
    if (found.index > last) push({ text: text.slice(last, found.index), match: false });
    push({ text: word, match: true });
    last = found.index + word.length;
  }
  if (last < text.length) push({ text: text.slice(last), match: false });
  return pieces;
}
