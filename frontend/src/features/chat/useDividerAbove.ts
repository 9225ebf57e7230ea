import { type RefObject, useEffect, useState } from 'react';

import { DIVIDER_SELECTOR } from './useUnreadLanding';

/**
 * Whether the "New messages" line is above what the list shows (so the top pill offers
 * it). `beforeWindow`: the first unread message is older than the loaded pages, so the
 * line is not rendered yet and is above by definition. `dividerSeq` names the line's
 * place, so a move (an older page brought the true first unread) observes it afresh.
 */
export function useDividerAbove(
  containerRef: RefObject<HTMLDivElement | null>,
  dividerSeq: number | undefined,
  beforeWindow: boolean,
  active: boolean,
): boolean {
  const [above, setAbove] = useState(false);
  useEffect(() => {
    const root = containerRef.current;
    const divider = root?.querySelector(DIVIDER_SELECTOR);
    if (!active || !root || !divider || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        const top = entry.rootBounds?.top ?? root.getBoundingClientRect().top;
        setAbove(!entry.isIntersecting && entry.boundingClientRect.bottom <= top);
      },
      { root },
    );
    observer.observe(divider);
    return () => {
      observer.disconnect();
      setAbove(false);
    };
  }, [containerRef, dividerSeq, active]);
  return active && (beforeWindow || (dividerSeq !== undefined && above));
}
