import { describe, expect, it } from 'vitest';

import { addPick, MAX_PEOPLE, moveHighlight, pickable, removePick } from './picks';

const person = (id: number) => ({ id, username: `u${id}`, display_name: `User ${id}` });

describe('picking people for a direct message', () => {
  it('adds each person once', () => {
    const one = addPick([], person(1));
    expect(one).toEqual([person(1)]);
    expect(addPick(one, person(1))).toBe(one);
  });

  it('stops at seven others', () => {
    let picked: readonly ReturnType<typeof person>[] = [];
    for (let id = 1; id <= MAX_PEOPLE + 2; id++) picked = addPick(picked, person(id));
    expect(picked.map((entry) => entry.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('removes by id', () => {
    expect(removePick([person(1), person(2)], 1)).toEqual([person(2)]);
  });

  it('offers neither me nor people already picked', () => {
    expect(pickable([person(1), person(2), person(3)], [person(2)], 1).map((entry) => entry.id)).toEqual([3]);
    expect(pickable(undefined, [], 1)).toEqual([]);
  });

  it('moves the highlight with wrap-around', () => {
    expect(moveHighlight(-1, 3, 1)).toBe(0);
    expect(moveHighlight(-1, 3, -1)).toBe(2);
    expect(moveHighlight(2, 3, 1)).toBe(0);
    expect(moveHighlight(0, 3, -1)).toBe(2);
    expect(moveHighlight(0, 0, 1)).toBe(-1);
  });
});
