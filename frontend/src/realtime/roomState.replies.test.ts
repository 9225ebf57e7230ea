import type { WireMessage } from './protocol';
import { quoteOf, snippetOf } from './quotes';
import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';
import { wireMessage } from './testMessage';

const msg = (seq: number, changeSeq: number, extra: Partial<WireMessage> = {}): WireMessage =>
  wireMessage(seq, { change_seq: changeSeq, reply_to: null, ...extra });

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);
const original = msg(1, 1, { body: 'Are we shipping on Friday?' });
const reply = msg(2, 2, { body: 'Yes', reply_to: quoteOf(original) });

describe('replies on the client', () => {
  it('quotes the first 200 characters, counted as Python counts them', () => {
    expect(snippetOf('short')).toBe('short');
    const long = '😀'.repeat(250);
    expect(Array.from(snippetOf(long))).toHaveLength(200);
    expect(quoteOf(original)).toEqual({
      id: 101,
      seq: 1,
      author: original.author,
      snippet: 'Are we shipping on Friday?',
      deleted: false,
    });
  });

  it("follows the original's edit and deletion in replies it holds", () => {
    const edited = run([
      { type: 'message', message: original },
      { type: 'message', message: reply },
      { type: 'replace', message: { ...original, body: 'Shipping on Monday?', change_seq: 3 } },
    ]);
    expect(edited.messages[1]?.reply_to?.snippet).toBe('Shipping on Monday?');
    const deleted = roomReducer(edited, {
      type: 'replace',
      message: { ...original, body: '', deleted_at: '2026-11-23T20:05:00Z', change_seq: 4 },
    });
    expect(deleted.messages[1]?.reply_to).toMatchObject({ id: 101, deleted: true, snippet: '' });
  });

  it('updates the quote even when the original itself is not loaded', () => {
    const state = run([
      { type: 'seed', lastSeq: 1, lastChangeSeq: 1, lastReadSeq: 1 },
      { type: 'message', message: reply },
      // A replayed tombstone of seq 1, outside the window.
      { type: 'message', message: { ...original, body: '', deleted_at: '2026-11-23T20:05:00Z', change_seq: 3 } },
    ]);
    expect(state.messages.map((m) => m.seq)).toEqual([2]);
    expect(state.messages[0]?.reply_to?.deleted).toBe(true);
  });

  it('keeps the quote on a pending reply', () => {
    const state = roomReducer(emptyRoom, {
      type: 'queued',
      clientId: 'c-9',
      body: 'Yes',
      now: 0,
      replyTo: quoteOf(original),
    });
    expect(state.pending[0]?.replyTo?.id).toBe(101);
  });
});
