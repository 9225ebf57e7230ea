import { useEffect, useRef } from 'react';

import { type HeldFile, useRealtime } from '../../realtime';
import type { ComposerAttachment } from '../uploads';
import type { HeldMessage } from './useHeldSend';

/** The files a held message still waits for: not those refused for good (never sent). */
const waitsFor = (item: ComposerAttachment) => item.error === null || item.retryable;

function heldFiles(items: readonly ComposerAttachment[]): HeldFile[] {
  return items.filter(waitsFor).map((item) => ({ file: item.file, ...(item.upload ? { uploadId: item.upload.id } : {}) }));
}

/**
 * Keeps the composer's held message in the outbox's store with its files, so a tab closed
 * before they are up leaves it for the next page to upload and send (realtime/outbox.ts).
 * Given up when it is sent, taken back, or the composer goes (the text becomes a draft).
 */
export function useKeptHeld(roomId: number, held: HeldMessage | null, items: readonly ComposerAttachment[]) {
  const client = useRealtime();
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  });
  // Rewritten when a file comes, goes or reaches the server, not on every progress tick.
  const filesKey = items
    .filter(waitsFor)
    .map((item) => `${item.key}:${item.upload?.id ?? ''}`)
    .join('|');
  useEffect(() => {
    if (held === null) return;
    client.holdForFiles(roomId, held.clientId, held.body, held.replyTo ?? null, heldFiles(latest.current));
    return () => client.releaseHeld(held.clientId);
  }, [client, roomId, held, filesKey]);
}
