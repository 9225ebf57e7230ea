import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** The seq a link names (`/rooms/7?message=52`, a notification's), if a valid one. */
export function linkedSeq(params: URLSearchParams): number | null {
  const value = params.get('message');
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Opens the room at the message a link names, once the list has landed (the jump reuses
 * the reply quotes' way there: history loads back to it, it flashes). Then the parameter
 * goes from the address (replacing the entry), so a reload later opens as usual: only
 * after the jump, as a navigation asked for while the app is still starting up after a
 * full page load can be lost.
 */
export function useDeepLinkJump(jump: (seq: number) => Promise<void>, landed: boolean): void {
  const [params, setParams] = useSearchParams();
  const seq = linkedSeq(params);
  const present = params.has('message');
  const handled = useRef<string | null>(null);
  const link = present ? params.get('message') : null;
  useEffect(() => {
    if (!landed || link === null || handled.current === link) return;
    handled.current = link;
    const drop = () =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('message');
          return next;
        },
        { replace: true },
      );
    if (seq === null) drop();
    else void jump(seq).finally(drop);
  }, [landed, link, seq, jump, setParams]);
  // A later link to the same message (another notification click) jumps again.
  useEffect(() => {
    if (link === null) handled.current = null;
  }, [link]);
}
