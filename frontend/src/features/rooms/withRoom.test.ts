import { describe, expect, it } from 'vitest';

import type { RoomPublic } from '../../api';
import { withRoom } from './useJoinRoom';

const room = (id: number, name: string): RoomPublic =>
  ({ id, name, is_private: false, locked: false, created_by: 1, created_at: '', last_seq: 0 });

describe('withRoom', () => {
  it('puts a joined room at its place by name, case-insensitively, once', () => {
    const mine = [room(1, 'alpha'), room(2, 'Charlie')];
    expect(withRoom(mine, room(3, 'Bravo'))?.map((r) => r.id)).toEqual([1, 3, 2]);
    expect(withRoom(mine, room(4, 'zulu'))?.map((r) => r.id)).toEqual([1, 2, 4]);
    expect(withRoom(mine, { ...room(2, 'Charlie'), topic: 'new' })?.map((r) => r.topic ?? null)).toEqual([null, 'new']);
  });

  it('leaves a list that was never loaded alone', () => {
    expect(withRoom(undefined, room(1, 'a'))).toBeUndefined();
  });
});
