import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 200;

interface ScrollKeeperOptions {
  containerRef: RefObject<HTMLDivElement | null>;
  firstSeq: number | undefined;
  lastSeq: number | undefined;
  pendingCount: number;
  onNearTop: () => void;
  /**
   * The view has not landed yet (useUnreadLanding decides where it opens): until then
   * nothing scrolls by itself, and landing places the view and calls `settle`.
   */
  hold?: boolean;
}

/**
 * The chat scroll rules: follow new messages while at the bottom; otherwise stay put
 * and offer "Jump to latest"; keep the view still when older history is prepended.
 * The browser's own scroll anchoring is off (CSS) so these are the only rules.
 */
export function useScrollKeeper({
  containerRef,
  firstSeq,
  lastSeq,
  pendingCount,
  onNearTop,
  hold = false,
}: ScrollKeeperOptions) {
  const atBottom = useRef(true);
  const fromBottom = useRef(0);
  // Starts empty so the first layout pass counts as "first page" and scrolls to the end.
  const previous = useRef<{ firstSeq?: number; lastSeq?: number; pendingCount: number }>({ pendingCount });
  const [newBelow, setNewBelow] = useState(false);
  // A render-visible copy of atBottom, for what shows only while scrolled up.
  const [bottomInView, setBottomInView] = useState(true);
  const holding = useRef(hold);
  useLayoutEffect(() => {
    holding.current = hold;
  }, [hold]);

  /** Takes the position from the element as it is now (after anything else scrolled it). */
  const settle = useCallback(() => {
    const element = containerRef.current;
    if (!element) return;
    fromBottom.current = element.scrollHeight - element.scrollTop;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    setBottomInView(atBottom.current);
    if (atBottom.current) setNewBelow(false);
  }, [containerRef]);

  const scrollToBottom = useCallback(() => {
    const element = containerRef.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setBottomInView(true);
    setNewBelow(false);
  }, [containerRef]);

  const onScroll = useCallback(() => {
    const element = containerRef.current;
    if (!element || hold) return;
    settle();
    if (element.scrollTop < NEAR_TOP_PX) onNearTop();
  }, [containerRef, onNearTop, settle, hold]);

  useLayoutEffect(() => {
    const element = containerRef.current;
    const before = previous.current;
    previous.current = { firstSeq, lastSeq, pendingCount };
    if (!element || hold) return;
    const prepended = before.firstSeq !== undefined && firstSeq !== undefined && firstSeq < before.firstSeq;
    const appended = lastSeq !== before.lastSeq;
    const sentByMe = pendingCount > before.pendingCount;
    if (before.lastSeq === undefined && lastSeq !== undefined) {
      scrollToBottom(); // first page
    } else if (sentByMe || (appended && atBottom.current)) {
      scrollToBottom();
    } else if (prepended) {
      element.scrollTop = element.scrollHeight - fromBottom.current;
    } else if (appended) {
      setNewBelow(true);
    }
  }, [containerRef, firstSeq, lastSeq, pendingCount, scrollToBottom, hold]);

  // The list shrinks when something opens under it (the reply bar, a taller composer, the
  // phone's keyboard): whoever was reading the latest keeps reading it.
  useEffect(() => {
    const element = containerRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    let height = element.clientHeight;
    const observer = new ResizeObserver(() => {
      if (element.clientHeight < height && atBottom.current && !holding.current) element.scrollTop = element.scrollHeight;
      height = element.clientHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [containerRef]);

  return { onScroll, newBelow, bottomInView, scrollToBottom, settle };
}
