import type { WireMessage } from '../../realtime';

/**
 * Where "New messages" goes: the first message past the read marker someone else wrote
 * (my own are not news to me). Undefined when none of them is loaded (yet).
 */
export function firstUnreadSeq(
  messages: readonly WireMessage[],
  readSeq: number,
  myId: number | undefined,
): number | undefined {
  return messages.find((message) => message.seq > readSeq && message.author.id !== myId)?.seq;
}

/** Unread messages may lie before the oldest loaded one: older pages must load to show them. */
export function unreadBeforeWindow(oldestSeq: number | undefined, readSeq: number, hasMore: boolean): boolean {
  return hasMore && oldestSeq !== undefined && oldestSeq > readSeq + 1;
}

/**
 * Whether a row was on screen enough to have been read: half of it showing, or (a row
 * taller than the list) half the list filled by it. A sliver at an edge is not reading.
 */
export function countsAsSeen(visibleHeight: number, rowHeight: number, listHeight: number): boolean {
  if (visibleHeight <= 0) return false;
  return visibleHeight >= rowHeight / 2 || visibleHeight >= listHeight / 2;
}

/**
 * The read marker to send for the rows on screen now, or null when it would not move.
 * The window of loaded messages is contiguous and one reads it downwards, so everything
 * up to the lowest row on screen counts as read, and nothing below it: a message only
 * counts once it has been on screen, never because the room was opened.
 */
export function nextReadMarker(seenSeqs: Iterable<number>, readSeq: number): number | null {
  let highest = readSeq;
  for (const seq of seenSeqs) if (seq > highest) highest = seq;
  return highest > readSeq ? highest : null;
}
