import { type RefObject, useCallback, useRef, useState } from 'react';

import { useRealtime } from '../../realtime';

/** The most the server gives per page (services/history.py HISTORY_PAGE_MAX). */
export const JUMP_PAGE = 100;
/** How far back a jump loads by itself (1,000 messages) before asking to scroll instead. */
export const JUMP_MAX_PAGES = 10;
const FLASH_MS = 2000;
/**
 * Messages held above the target too: history around it to read, and the list does not
 * open right at its top edge, where the scroll keeper would load the page before at once
 * and the group the target starts (keyed by its first message) would re-render without
 * the flash.
 */
export const JUMP_CONTEXT = 20;

export type JumpStatus = 'idle' | 'loading' | 'failed' | 'tooFar';
export type ReachResult = 'held' | 'failed' | 'tooFar';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Two frames: React renders what was loaded, then the scroll keeper's layout pass has run. */
export const nextFrames = async (): Promise<void> => {
  await nextFrame();
  await nextFrame();
};

/**
 * Goes to a message of the room by seq: scrolls it into view and flashes it. When it is
 * older than what is loaded, older pages load first (the list holds one window, from
 * the oldest page loaded to the latest message, so history is filled in rather than
 * fetched around the target: a window with a hole would need its own gap handling in
 * the reducer, the unread count and the scroll rules). At most JUMP_MAX_PAGES pages.
 */
export function useJumpToMessage(
  roomId: number,
  containerRef: RefObject<HTMLDivElement | null>,
  loadOlder: (limit?: number) => Promise<boolean>,
) {
  const client = useRealtime();
  const [status, setStatus] = useState<JumpStatus>('idle');
  const running = useRef(false);

  /**
   * Loads older pages until the message `seq` is held (or nothing older exists), at most
   * JUMP_MAX_PAGES of them: 'tooFar' past that, 'failed' when a page did not load.
   */
  const reach = useCallback(
    async (seq: number, onLoading?: () => void): Promise<ReachResult> => {
      for (let pages = 0; ; pages++) {
        const state = client.store.get(roomId);
        const oldest = state.messages[0]?.seq;
        if (oldest === undefined || oldest <= Math.max(1, seq - JUMP_CONTEXT) || !state.hasMore) return 'held';
        if (pages >= JUMP_MAX_PAGES) return 'tooFar';
        onLoading?.();
        if (!(await loadOlder(JUMP_PAGE))) return 'failed';
      }
    },
    [client, roomId, loadOlder],
  );

  const jump = useCallback(
    async (seq: number) => {
      if (running.current) return;
      running.current = true;
      try {
        const reached = await reach(seq, () => setStatus('loading'));
        if (reached !== 'held') {
          setStatus(reached);
          return;
        }
        setStatus('idle');
        // Let React render the loaded pages and the scroll keeper settle first.
        await nextFrames();
        const target = containerRef.current?.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${seq}"]`);
        if (!target) return;
        target.scrollIntoView({ block: 'center' });
        target.classList.add('message--flash');
        setTimeout(() => target.classList.remove('message--flash'), FLASH_MS);
      } finally {
        running.current = false;
      }
    },
    [reach, containerRef],
  );

  return { jump, reach, status, dismiss: () => setStatus('idle') };
}
