import { type PointerEvent, useCallback, useEffect, useRef } from 'react';

/** How long a finger rests before it is a long press (Android's default is 400–500 ms). */
const HOLD_MS = 450;
/** A finger that moves further than this is scrolling, not pressing. */
const SLOP_PX = 10;

/**
 * A long press by touch (not mouse: a mouse has hover menus). Returns pointer handlers
 * for the element; the click that ends a long press is swallowed so it does not also
 * tap whatever was under the finger.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<number | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);

  const cancel = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      fired.current = false;
      start.current = { x: event.clientX, y: event.clientY };
      timer.current = window.setTimeout(() => {
        timer.current = null;
        fired.current = true;
        onLongPress();
      }, HOLD_MS);
    },
    onPointerMove: (event: PointerEvent) => {
      const from = start.current;
      if (from && Math.hypot(event.clientX - from.x, event.clientY - from.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onClickCapture: (event: { preventDefault: () => void; stopPropagation: () => void }) => {
      if (!fired.current) return;
      fired.current = false;
      event.preventDefault();
      event.stopPropagation();
    },
    // The browser's own long-press menu (copy, select) would cover ours.
    onContextMenu: (event: { preventDefault: () => void; nativeEvent: Event }) => {
      if ((event.nativeEvent as globalThis.PointerEvent).pointerType === 'touch' || fired.current || timer.current !== null)
        event.preventDefault();
    },
  };
}
