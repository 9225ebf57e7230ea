import type { WireMessage } from './protocol';
import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';
import { wireMessage } from './testMessage';

const msg = (seq: number, changeSeq: number): WireMessage =>
  wireMessage(seq, { change_seq: changeSeq, pinned_at: null, pinned_by: null });
const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);
const AT = '2026-12-03T07:10:00Z';

describe('pin frames', () => {
  it('pin and unpin a held message, moving the change position', () => {
    const pinned = run([
      { type: 'message', message: msg(1, 1) },
      { type: 'pin', messageId: 101, pinnedAt: AT, pinnedBy: 4, changeSeq: 2 },
    ]);
    expect(pinned.messages[0]).toMatchObject({ pinned_at: AT, pinned_by: 4, change_seq: 2 });
    expect(pinned.lastChangeSeq).toBe(2);
    const unpinned = run([{ type: 'pin', messageId: 101, pinnedAt: null, pinnedBy: null, changeSeq: 3 }], pinned);
    expect(unpinned.messages[0]).toMatchObject({ pinned_at: null, pinned_by: null, change_seq: 3 });
  });

  it('never let an older change win', () => {
    const state = run([
      { type: 'message', message: msg(1, 1) },
      { type: 'pin', messageId: 101, pinnedAt: null, pinnedBy: null, changeSeq: 5 },
      { type: 'pin', messageId: 101, pinnedAt: AT, pinnedBy: 4, changeSeq: 4 },
    ]);
    expect(state.messages[0]?.pinned_at).toBeNull();
  });

  it('move the position for a message outside the window without adding it', () => {
    const state = run([
      { type: 'message', message: msg(5, 5) },
      { type: 'pin', messageId: 999, pinnedAt: AT, pinnedBy: 4, changeSeq: 6 },
    ]);
    expect(state.messages).toHaveLength(1);
    expect(state.lastChangeSeq).toBe(6);
  });
});
