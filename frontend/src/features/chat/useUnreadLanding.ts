import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

import type { ReachResult } from './useJumpToMessage';
import { nextFrames } from './useJumpToMessage';
import type { UnreadMarker } from './useUnreadMarker';

export const DIVIDER_SELECTOR = '[data-testid="unread-divider"]';
/** The line lands this far below the top edge, so the last read message peeks above it. */
const DIVIDER_MARGIN_PX = 48;

/**
 * The page to load back to: the last message read, not only the first unread, so the
 * line has the message it follows above it (what one was reading when one left).
 */
export function lastReadHeld(marker: UnreadMarker): number {
  return Math.max(1, marker.readSeq);
}

/** Scrolls the list so the "New messages" line is near its top; false when it is not rendered. */
export function scrollToDivider(container: HTMLElement): boolean {
  const divider = container.querySelector<HTMLElement>(DIVIDER_SELECTOR);
  if (!divider) return false;
  const offset = divider.getBoundingClientRect().top - container.getBoundingClientRect().top;
  container.scrollTop = Math.max(0, container.scrollTop + offset - DIVIDER_MARGIN_PX);
  return true;
}

interface LandingOptions {
  containerRef: RefObject<HTMLDivElement | null>;
  /** useUnreadMarker: undefined until known. */
  marker: UnreadMarker | null | undefined;
  reach: (seq: number) => Promise<ReachResult>;
  scrollToBottom: () => void;
  settle: () => void;
}

/**
 * Where the room opens: at the latest message when nothing is unread, else with the
 * "New messages" line near the top, older pages loaded first when the first unread one
 * is further back (useJumpToMessage's reach, up to its limit; past it the view opens at
 * the oldest page loaded and the top pill offers to go further). True once landed:
 * until then the scroll keeper holds still and nothing counts as read.
 */
export function useUnreadLanding({ containerRef, marker, reach, scrollToBottom, settle }: LandingOptions): boolean {
  const [landed, setLanded] = useState(false);
  const started = useRef(false);
  // A layout effect: opening at the latest message must not paint the top of the list first.
  useLayoutEffect(() => {
    if (started.current || marker === undefined) return;
    started.current = true;
    if (marker === null) {
      scrollToBottom();
      return;
    }
    // Not cancelled by a re-run: it runs once per view, and an unmounted list has no container.
    void (async () => {
      const reached = await reach(lastReadHeld(marker));
      await nextFrames();
      const container = containerRef.current;
      if (!container) return;
      if (!scrollToDivider(container)) {
        // Not held: my own messages were all that came, or it lies past the limit.
        if (reached === 'held') scrollToBottom();
        else container.scrollTop = 0;
      }
      settle();
      setLanded(true);
    })();
  }, [marker, reach, containerRef, scrollToBottom, settle]);
  // Nothing unread (or no longer: I posted meanwhile) needs no wait for pages.
  return landed || marker === null;
}
