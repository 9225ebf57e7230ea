import { describe, expect, it } from 'vitest';

import { quoteText } from './quoteText';

describe('quoteText', () => {
  const names = new Map([[2, 'Bob']]);
  const nameOf = (id: number) => names.get(id);

  it('shows mentions by name and keeps unknown ones as stored', () => {
    expect(quoteText('hi <@2> and <@9>, <!room>', nameOf, 'room')).toBe('hi @Bob and <@9>, @room');
  });

  it('folds line breaks into one line', () => {
    expect(quoteText('one\n\ntwo  three\n', nameOf, 'room')).toBe('one two three');
  });
});
