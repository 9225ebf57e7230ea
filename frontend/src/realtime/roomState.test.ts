import type { WireMessage } from './protocol';
import { emptyRoom, roomReducer, type RoomAction, type RoomState, unreadCount } from './roomState';
import { wireMessage } from './testMessage';

const msg = (seq: number, extra: Partial<WireMessage> = {}): WireMessage => wireMessage(seq, extra);

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);
const seqs = (state: RoomState) => state.messages.map((m) => m.seq);

describe('roomReducer', () => {
  it('applies live messages once each (dedupe by seq)', () => {
    const state = run([
      { type: 'message', message: msg(1) },
      { type: 'message', message: msg(2) },
      { type: 'message', message: msg(2) },
      { type: 'message', message: msg(1) },
      { type: 'message', message: msg(3) },
    ]);
    expect(seqs(state)).toEqual([1, 2, 3]);
    expect(state.lastSeq).toBe(3);
  });

  it('keeps pages and live messages in seq order', () => {
    const state = run([
      { type: 'message', message: msg(11) },
      { type: 'page', messages: [msg(8), msg(9), msg(10), msg(11)], hasMore: true, latest: true },
      { type: 'message', message: msg(12) },
      { type: 'page', messages: [msg(5), msg(6), msg(7)], hasMore: false, latest: false },
    ]);
    expect(seqs(state)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(state.hasMore).toBe(false);
    expect(state.historyLoaded).toBe(true);
    expect(state.lastSeq).toBe(12);
  });

  it('replaces the pending entry when the ack arrives, without moving the stream position', () => {
    const queued = run([
      { type: 'message', message: msg(1) },
      { type: 'queued', clientId: 'mine', body: 'hello', now: 0 },
    ]);
    expect(queued.pending).toHaveLength(1);
    const acked = roomReducer(queued, { type: 'ack', message: msg(3, { client_id: 'mine', body: 'hello' }) });
    expect(acked.pending).toEqual([]);
    expect(seqs(acked)).toEqual([1, 3]);
    // seq 2 was committed first and its broadcast is still on the way: it must not be dropped.
    expect(acked.lastSeq).toBe(1);
    const caughtUp = run(
      [
        { type: 'message', message: msg(2) },
        { type: 'message', message: msg(3, { client_id: 'mine', body: 'hello' }) },
      ],
      acked,
    );
    expect(seqs(caughtUp)).toEqual([1, 2, 3]);
    expect(caughtUp.lastSeq).toBe(3);
  });

  it('drops the pending entry when the broadcast of my own message comes first', () => {
    const state = run([
      { type: 'queued', clientId: 'mine', body: 'x', now: 0 },
      { type: 'message', message: msg(1, { client_id: 'mine' }) },
      { type: 'ack', message: msg(1, { client_id: 'mine' }) },
    ]);
    expect(state.pending).toEqual([]);
    expect(seqs(state)).toEqual([1]);
  });

  it('marks sends failed and back to pending on retry', () => {
    const failed = run([
      { type: 'queued', clientId: 'a', body: 'x', now: 0 },
      { type: 'failed', clientId: 'a', error: 'locked' },
    ]);
    expect(failed.pending[0]).toMatchObject({ status: 'failed', error: 'locked' });
    const retried = roomReducer(failed, { type: 'retrying', clientId: 'a' });
    expect(retried.pending[0]).toMatchObject({ status: 'pending', error: null, clientId: 'a' });
  });

  it('applies edits and tombstones to messages it holds', () => {
    const edited = msg(2, { body: 'fixed', edited_at: '2026-11-23T20:01:00Z' });
    const deleted = msg(1, { body: '', deleted_at: '2026-11-23T20:02:00Z', deleted_by: 4 });
    const state = run([
      { type: 'message', message: msg(1) },
      { type: 'message', message: msg(2) },
      { type: 'replace', message: edited },
      { type: 'replace', message: deleted },
      { type: 'replace', message: msg(99, { body: 'unknown' }) },
    ]);
    expect(state.messages).toEqual([deleted, edited]);
  });

  it('on reset jumps the stream position and reloads the latest page in place', () => {
    const before = run([
      { type: 'page', messages: [msg(1), msg(2)], hasMore: false, latest: true },
      { type: 'queued', clientId: 'p', body: 'wait', now: 0 },
    ]);
    const reset = roomReducer(before, { type: 'reset', lastSeq: 900, lastChangeSeq: 900 });
    expect(reset.lastSeq).toBe(900);
    expect(reset.historyLoaded).toBe(false);
    const live = roomReducer(reset, { type: 'message', message: msg(901) });
    const reloaded = roomReducer(live, {
      type: 'page',
      messages: [msg(899), msg(900)],
      hasMore: true,
      latest: true,
    });
    expect(seqs(reloaded)).toEqual([899, 900, 901]);
    expect(reloaded.pending).toHaveLength(1);
    expect(reloaded.hasMore).toBe(true);
  });

  it('expires typing notices after 4 s and clears them when the typist posts', () => {
    const typing = run([
      { type: 'typing', userId: 4, name: 'Bob', now: 1000 },
      { type: 'typing', userId: 5, name: 'Eve', now: 3000 },
    ]);
    expect(roomReducer(typing, { type: 'typingPrune', now: 5001 }).typing.map((u) => u.name)).toEqual(['Eve']);
    expect(roomReducer(typing, { type: 'message', message: msg(1) }).typing.map((u) => u.name)).toEqual(['Eve']);
  });

  it('tracks who is online', () => {
    const state = run([
      { type: 'joined', online: [1, 4], lastChangeSeq: null },
      { type: 'presence', userId: 4, online: false },
      { type: 'presence', userId: 9, online: true },
    ]);
    expect([...state.online].sort()).toEqual([1, 9]);
  });

  it('counts unread from the stream position and the read marker', () => {
    const state = run([
      { type: 'seed', lastSeq: 10, lastChangeSeq: 10, lastReadSeq: 7 },
      { type: 'seed', lastSeq: 50, lastChangeSeq: 50, lastReadSeq: 8 },
      { type: 'message', message: msg(11) },
    ]);
    expect(state.lastSeq).toBe(11);
    expect(unreadCount(state)).toBe(3);
    expect(unreadCount(roomReducer(state, { type: 'read', seq: 11 }))).toBe(0);
  });

  it('does not let a REST seed skip frames once the stream has a position', () => {
    const state = run([
      { type: 'page', messages: [msg(1), msg(2)], hasMore: false, latest: true },
      { type: 'seed', lastSeq: 5, lastChangeSeq: 5, lastReadSeq: 2 },
      { type: 'message', message: msg(3) },
    ]);
    expect(state.lastSeq).toBe(3);
    expect(seqs(state)).toEqual([1, 2, 3]);
    expect(state.lastReadSeq).toBe(2);
  });
});
