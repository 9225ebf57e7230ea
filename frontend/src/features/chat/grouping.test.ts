import type { WireMessage } from '../../realtime';
import { groupMessages } from './grouping';

function msg(seq: number, authorId: number, minute: number): WireMessage {
  return {
    id: seq,
    room_id: 1,
    seq,
    change_seq: seq,
    author: { id: authorId, username: `u${authorId}`, display_name: `User ${authorId}` },
    body: 'x',
    client_id: `c${seq}`,
    created_at: new Date(Date.UTC(2026, 10, 23, 20, minute)).toISOString(),
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
  };
}

describe('groupMessages', () => {
  it('groups one author within five minutes and splits on author or gap', () => {
    const groups = groupMessages([msg(1, 1, 0), msg(2, 1, 4), msg(3, 1, 9), msg(4, 2, 10), msg(5, 1, 11)]);
    expect(groups.map((group) => group.messages.map((m) => m.seq))).toEqual([[1, 2], [3], [4], [5]]);
    expect(groups[0]?.authorName).toBe('User 1');
  });

  it('returns nothing for no messages', () => {
    expect(groupMessages([])).toEqual([]);
  });
});
