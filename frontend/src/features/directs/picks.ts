import type { AuthorPublic } from '../../api';

/** A direct message has 1 to 7 people besides me (services/direct.py). */
export const MAX_PEOPLE = 7;

/** Adds a person once, never past the limit; the same list when nothing changes. */
export function addPick(picked: readonly AuthorPublic[], person: AuthorPublic): readonly AuthorPublic[] {
  if (picked.length >= MAX_PEOPLE || picked.some((entry) => entry.id === person.id)) return picked;
  return [...picked, person];
}

export function removePick(picked: readonly AuthorPublic[], personId: number): readonly AuthorPublic[] {
  return picked.filter((entry) => entry.id !== personId);
}

/** Search results that can still be picked: not me, not picked already. */
export function pickable(
  results: readonly AuthorPublic[] | undefined,
  picked: readonly AuthorPublic[],
  myId: number | undefined,
): AuthorPublic[] {
  const taken = new Set(picked.map((entry) => entry.id));
  return (results ?? []).filter((person) => person.id !== myId && !taken.has(person.id));
}

/** ↑/↓ through `count` options, wrapping; -1 (none highlighted) enters at either end. */
export function moveHighlight(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
