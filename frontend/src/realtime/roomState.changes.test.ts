import type { WireMessage } from './protocol';
import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';
import { wireMessage } from './testMessage';

const msg = (seq: number, changeSeq: number, extra: Partial<WireMessage> = {}): WireMessage =>
  wireMessage(seq, { change_seq: changeSeq, ...extra });

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);

describe('the change log on the client', () => {
  it('applies a replayed edit and tombstone to messages it holds, once each', () => {
    const state = run([
      { type: 'message', message: msg(1, 1) },
      { type: 'message', message: msg(2, 2) },
      // Replayed after a reconnect: the latest states, in change order.
      { type: 'message', message: msg(1, 3, { body: 'edited', edited_at: '2026-11-23T20:01:00Z' }) },
      { type: 'message', message: msg(2, 4, { body: '', deleted_at: '2026-11-23T20:02:00Z' }) },
      // A stale copy (an older change) changes nothing.
      { type: 'message', message: msg(1, 1) },
    ]);
    expect(state.messages.map((m) => m.body)).toEqual(['edited', '']);
    expect(state.messages[1]?.deleted_at).not.toBeNull();
    expect(state.lastChangeSeq).toBe(4);
    expect(state.lastSeq).toBe(2);
  });

  it('moves the position for changes to messages outside the window without adding them', () => {
    const state = run([
      { type: 'page', messages: [msg(10, 10), msg(11, 11)], hasMore: true, latest: true },
      { type: 'message', message: msg(12, 12) },
      { type: 'message', message: msg(3, 13, { body: 'far back, edited' }) },
      { type: 'replace', message: msg(4, 14, { body: '' }) },
    ]);
    expect(state.messages.map((m) => m.seq)).toEqual([10, 11, 12]);
    expect(state.lastChangeSeq).toBe(14);
  });

  it('takes the position from joined only when the join had no since, and from upload frames', () => {
    const fresh = run([{ type: 'joined', online: [], lastChangeSeq: 40 }]);
    expect(fresh.lastChangeSeq).toBe(40);
    const resumed = run([
      { type: 'seed', lastSeq: 5, lastChangeSeq: 9, lastReadSeq: 5 },
      { type: 'joined', online: [], lastChangeSeq: null },
    ]);
    expect(resumed.lastChangeSeq).toBe(9);
    const upload = {
      id: 'u1',
      room_id: 7,
      uploader_id: 4,
      message_id: 105,
      name: 'a.png',
      size: 1,
      mime: 'image/png',
      status: 'ready',
      width: 1,
      height: 1,
      has_thumbnail: true,
      failure_reason: null,
      created_at: '2026-11-23T20:00:00Z',
    } as const;
    expect(run([{ type: 'upload', upload, changeSeq: 12 }], resumed).lastChangeSeq).toBe(12);
  });
});
