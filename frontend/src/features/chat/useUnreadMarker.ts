import { useState } from 'react';

import type { RoomState } from '../../realtime';

/** Where the room was read up to when it was opened, and how much had come since. */
export interface UnreadMarker {
  readSeq: number;
  count: number;
}

/**
 * The read marker as it was when the room opened: the "New messages" line stays where it
 * was while one reads on (Slack-like), though the live marker moves, until the room is
 * left (the view is keyed by room) or I post something myself. `undefined` until known
 * (the first page has loaded), `null` when nothing was unread.
 *
 * `knownReadSeq` is the room's own answer (RoomPublic.last_read_seq), for when the room
 * list has not seeded the store yet (a reload straight into the room).
 */
export function useUnreadMarker(
  state: RoomState,
  member: boolean,
  myId: number | undefined,
  knownReadSeq: number,
): UnreadMarker | null | undefined {
  const [marker, setMarker] = useState<UnreadMarker | null | undefined>(undefined);
  const [pendingBefore, setPendingBefore] = useState(state.pending.length);
  const { historyLoaded, lastSeq, lastReadSeq, pending, messages } = state;

  // Derived while rendering (React's "adjusting state on a prop change"), so the first
  // render with history already has the line in it and the view can land there at once.
  if (marker === undefined && (historyLoaded || !member)) {
    const readSeq = Math.max(lastReadSeq, knownReadSeq);
    setMarker(member && readSeq < lastSeq ? { readSeq, count: lastSeq - readSeq } : null);
  }
  // Posting something answers what came before: the line has done its job.
  if (pending.length !== pendingBefore) {
    setPendingBefore(pending.length);
    if (pending.length > pendingBefore && marker) setMarker(null);
  }
  const myLatest = myId === undefined ? undefined : messages.findLast((message) => message.author.id === myId)?.seq;
  if (marker && myLatest !== undefined && myLatest > marker.readSeq + marker.count) setMarker(null);

  return marker;
}
