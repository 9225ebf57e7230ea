import { emptyRoom, roomReducer, type RoomAction, type RoomState, unreadMentions } from './roomState';

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);
const seed = (lastSeq: number, lastReadSeq: number, mentionCount: number): RoomAction => ({
  type: 'seed',
  lastSeq,
  lastChangeSeq: lastSeq,
  lastReadSeq,
  mentionCount,
});

describe('unread mentions', () => {
  it("start from the server's count and add live ones, once each", () => {
    const state = run([seed(10, 4, 2), { type: 'mentioned', seq: 12 }, { type: 'mentioned', seq: 12 }, { type: 'mentioned', seq: 9 }]);
    expect(unreadMentions(state)).toBe(3);
  });

  it("clear the server's part once read past it, and live ones as they are read", () => {
    const live = run([seed(10, 4, 2), { type: 'mentioned', seq: 12 }, { type: 'mentioned', seq: 15 }]);
    expect(unreadMentions(roomReducer(live, { type: 'read', seq: 12 }))).toBe(1);
    expect(unreadMentions(roomReducer(live, { type: 'read', seq: 15 }))).toBe(0);
  });

  it('take a fresher seed instead of counting twice, and ignore an older one', () => {
    const live = run([seed(10, 4, 2), { type: 'mentioned', seq: 12 }]);
    const fresher = roomReducer(live, seed(12, 4, 3));
    expect(unreadMentions(fresher)).toBe(3);
    expect(unreadMentions(roomReducer(fresher, seed(8, 4, 1)))).toBe(3);
  });
});
