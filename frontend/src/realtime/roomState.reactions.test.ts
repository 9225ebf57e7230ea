import type { WireMessage } from './protocol';
import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';
import { wireMessage } from './testMessage';

const msg = (seq: number, changeSeq: number): WireMessage => wireMessage(seq, { change_seq: changeSeq, reactions: [] });

const thumbs = (...userIds: number[]) => [{ emoji: '👍', count: userIds.length, user_ids: userIds }];
const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);

describe('reactions frames', () => {
  it('replace the reactions of a held message and move the change position', () => {
    const state = run([
      { type: 'message', message: msg(1, 1) },
      { type: 'reactions', messageId: 101, reactions: thumbs(4), changeSeq: 2 },
      { type: 'reactions', messageId: 101, reactions: thumbs(4, 9), changeSeq: 3 },
    ]);
    expect(state.messages[0]?.reactions).toEqual(thumbs(4, 9));
    expect(state.messages[0]?.change_seq).toBe(3);
    expect(state.lastChangeSeq).toBe(3);
  });

  it('never let an older state win, and keep reactions through a replayed copy', () => {
    const state = run([
      { type: 'message', message: msg(1, 1) },
      { type: 'reactions', messageId: 101, reactions: thumbs(4, 9), changeSeq: 3 },
      { type: 'reactions', messageId: 101, reactions: thumbs(4), changeSeq: 2 },
      // A replay after a reconnect sends the message as of change 3 again: no change.
      { type: 'message', message: { ...msg(1, 3), reactions: thumbs(4, 9) } },
    ]);
    expect(state.messages[0]?.reactions).toEqual(thumbs(4, 9));
  });

  it('move the position for a message outside the window without adding it', () => {
    const state = run([
      { type: 'message', message: msg(5, 5) },
      { type: 'reactions', messageId: 999, reactions: thumbs(4), changeSeq: 6 },
    ]);
    expect(state.messages).toHaveLength(1);
    expect(state.lastChangeSeq).toBe(6);
  });
});
