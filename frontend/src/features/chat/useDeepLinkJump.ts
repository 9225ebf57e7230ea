import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** The seq a link names (`/rooms/7?message=52`, a notification's), if a valid one. */
export function linkedSeq(params: URLSearchParams): number | null {
  const value = params.get('message');
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Opens the room at the message a link names, once the list has landed (the jump reuses
 * the reply quotes' way there: history loads back to it, it flashes). The parameter is
 * dropped from the address (replacing the entry), so a reload later opens as usual.
 */
export function useDeepLinkJump(jump: (seq: number) => Promise<void>, landed: boolean): void {
  const [params, setParams] = useSearchParams();
  const seq = linkedSeq(params);
  const present = params.has('message');
  useEffect(() => {
    if (!landed || !present) return;
    if (seq !== null) void jump(seq);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('message');
        return next;
      },
      { replace: true },
    );
  }, [landed, present, seq, jump, setParams]);
}
