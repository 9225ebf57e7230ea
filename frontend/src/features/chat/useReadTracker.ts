import { type RefObject, useEffect } from 'react';

import { markRead } from '../../api';
import { useRealtime } from '../../realtime';
import { ReadSender } from './readSender';
import { countsAsSeen, nextReadMarker } from './unread';

const ROWS = '[data-testid="message"][data-seq]';
// Enough steps that a row taller than the list still reports as it fills it.
const THRESHOLDS = [0, 0.1, 0.25, 0.5, 0.75, 1];

/**
 * Messages are read once they have been on screen: an IntersectionObserver watches the
 * rows inside the list, and while the page is visible the marker follows the lowest row
 * showing (unread.ts, nextReadMarker). The store hears at once (badges, the "new
 * messages" pill); the server in batches (ReadSender). Off until the view has landed, so
 * the moment of opening, wherever the list happened to be, reads nothing.
 */
export function useReadTracker(roomId: number, containerRef: RefObject<HTMLDivElement | null>, active: boolean): void {
  const client = useRealtime();
  useEffect(() => {
    const root = containerRef.current;
    if (!active || !root || typeof IntersectionObserver === 'undefined') return undefined;
    const sender = new ReadSender(
      (seq, leaving) => markRead(roomId, seq, { keepalive: leaving }),
      client.store.get(roomId).lastReadSeq,
    );
    const leave = () => sender.leave();
    // The rows on screen now, by element: a hidden page reads them once it shows again.
    const onScreen = new Map<Element, number>();

    const commit = () => {
      if (document.visibilityState !== 'visible') return;
      const marker = nextReadMarker(onScreen.values(), client.store.get(roomId).lastReadSeq);
      if (marker === null) return;
      client.store.dispatch(roomId, { type: 'read', seq: marker });
      sender.mark(marker);
    };
    // Hidden is the last moment a phone promises before it may discard the page.
    const onVisibility = () => (document.visibilityState === 'visible' ? commit() : leave());

    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const seq = Number((entry.target as HTMLElement).dataset.seq);
          const listHeight = entry.rootBounds?.height ?? root.clientHeight;
          const seen =
            entry.isIntersecting &&
            countsAsSeen(entry.intersectionRect.height, entry.boundingClientRect.height, listHeight);
          if (seen && Number.isInteger(seq)) onScreen.set(entry.target, seq);
          else onScreen.delete(entry.target);
        }
        commit();
      },
      { root, threshold: THRESHOLDS },
    );
    // Rows come and go (pages, live messages, an edit form): observing one already
    // observed is a no-op, so every change just observes whatever rows there are.
    const observeRows = () => root.querySelectorAll(ROWS).forEach((row) => observer.observe(row));
    observeRows();
    const rows = new MutationObserver(observeRows);
    rows.observe(root, { childList: true, subtree: true });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      rows.disconnect();
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving the room: what was read until now still reaches the server.
      sender.flush();
    };
  }, [client, roomId, containerRef, active]);
}
