import { describe, expect, it } from 'vitest';

import { SNIPPET_LENGTH, searchSnippet } from './snippet';

const words = { roomWord: 'room', someone: 'someone' };

describe('searchSnippet', () => {
  it('strips Markdown and never keeps HTML as markup', () => {
    expect(searchSnippet('**Big** [meeting](https://x.test) `now`', ['meet'], words)).toBe('Big meeting now');
    expect(searchSnippet('<b>meet</b>', ['meet'], words)).toBe('<b>meet</b>');
  });

  it('writes stored mentions as words', () => {
    expect(searchSnippet('<@12> and <!room>: 회의를 해요', ['회의'], words)).toBe('@someone and @room: 회의를 해요');
  });

  it('starts near a match far into a long body', () => {
    const long = `${'filler words here '.repeat(30)}the meeting is at noon ${'tail '.repeat(40)}`;
    const snippet = searchSnippet(long, ['meet'], words);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('the meeting is at noon');
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  });

  it('keeps a short body whole', () => {
    expect(searchSnippet('just a short line', ['zebra'], words)).toBe('just a short line');
  });
});
