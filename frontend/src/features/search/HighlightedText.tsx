import { splitHighlights } from './highlight';

/** Text with the matched words in <mark>: React elements only, the text is never parsed. */
export function HighlightedText({ text, words }: { text: string; words: readonly string[] }) {
  return (
    <>
      {splitHighlights(text, words).map((piece, index) =>
        piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </>
  );
}
