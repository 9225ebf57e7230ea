import type { ReadReceipt } from '../../api';

/** A run of messages as the list shows it: enough to place readers below it. */
export interface SeenGroup {
  key: string;
  lastSeq: number;
}

/**
 * Who is shown below which group: each reader under the last group they have read to
 * its end. A reader part-way through a group shows under the group before it, so "seen"
 * never claims more than was read. Readers before the loaded history show nowhere.
 */
export function placeReaders(groups: readonly SeenGroup[], readers: readonly ReadReceipt[]): Map<string, number[]> {
  const placed = new Map<string, number[]>();
  for (const reader of readers) {
    let anchor: SeenGroup | undefined;
    for (const group of groups) {
      if (group.lastSeq > reader.last_read_seq) break;
      anchor = group;
    }
    if (!anchor) continue;
    const ids = placed.get(anchor.key) ?? [];
    ids.push(reader.user_id);
    placed.set(anchor.key, ids);
  }
  return placed;
}
