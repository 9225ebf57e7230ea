import { describe, expect, it } from 'vitest';

import { splitHighlights } from './highlight';

const marked = (text: string, words: string[]) =>
  splitHighlights(text, words)
    .filter((piece) => piece.match)
    .map((piece) => piece.text);

describe('splitHighlights', () => {
  it('marks words whose case-folded form starts with a term', () => {
    expect(splitHighlights('Two Meetings today', ['meet'])).toEqual([
      { text: 'Two ', match: false },
      { text: 'Meetings', match: true },
      { text: ' today', match: false },
    ]);
  });

  it('marks Korean words by their typed prefix, particles included', () => {
    expect(marked('내일 회의를 합니다. 회의실은 3층', ['회의'])).toEqual(['회의를', '회의실은']);
  });

  it('marks every term, and each occurrence', () => {
    expect(marked('Lunch, then the launch; LUNCH again', ['lunch', 'launch'])).toEqual([
      'Lunch',
      'launch',
      'LUNCH',
    ]);
  });

  it('does not mark a term found only inside a word', () => {
    expect(marked('remeet premeeting', ['meet'])).toEqual([]);
  });

  it('keeps the whole text as one plain piece when nothing matches', () => {
    expect(splitHighlights('nothing here', ['zebra'])).toEqual([{ text: 'nothing here', match: false }]);
    expect(splitHighlights('no terms', [])).toEqual([{ text: 'no terms', match: false }]);
  });

  it('joins the pieces back into the text unchanged', () => {
    const text = 'a Meeting, 회의를 and meet-ups!';
    expect(
      splitHighlights(text, ['meet', '회의'])
        .map((piece) => piece.text)
        .join(''),
    ).toBe(text);
  });
});
