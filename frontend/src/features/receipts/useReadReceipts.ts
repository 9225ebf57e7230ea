import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { fetchReadReceipts, type ReadReceipt, type ReadReceipts } from '../../api';
import { useConnectionStatus, useRealtime } from '../../realtime';

/** The server keeps "seen by" for rooms up to this size (services/receipts.py). */
export const RECEIPTS_MAX_MEMBERS = 20;

// With my setting in it: turning receipts on asks the server afresh in every room.
export const receiptsKey = (roomId: number, sharing: boolean) => ['receipts', roomId, sharing] as const;

/** A `receipt` frame: one reader moved on (only forward: an older frame changes nothing). */
export function applyReceipt(receipts: ReadReceipts | undefined, moved: ReadReceipt): ReadReceipts | undefined {
  if (!receipts?.available) return receipts;
  const readers = receipts.readers ?? [];
  const known = readers.find((reader) => reader.user_id === moved.user_id);
  if (known && known.last_read_seq >= moved.last_read_seq) return receipts;
  return {
    ...receipts,
    readers: [...readers.filter((reader) => reader.user_id !== moved.user_id), moved],
  };
}

/**
 * How far the room's other members who share read receipts have read, live; nothing
 * unless I turned receipts on (`sharing`) and the room is small enough to have them.
 */
export function useReadReceipts(roomId: number, sharing: boolean, memberCount: number): readonly ReadReceipt[] {
  const client = useRealtime();
  const queryClient = useQueryClient();
  const status = useConnectionStatus();
  const previous = useRef(status);
  const enabled = sharing && memberCount <= RECEIPTS_MAX_MEMBERS;
  const { data } = useQuery({ queryKey: receiptsKey(roomId, sharing), queryFn: () => fetchReadReceipts(roomId), enabled });

  useEffect(
    () =>
      client.onServerFrame((frame) => {
        if (frame.type !== 'receipt' || frame.room !== roomId) return;
        queryClient.setQueryData<ReadReceipts>(receiptsKey(roomId, sharing), (receipts) =>
          applyReceipt(receipts, { user_id: frame.user_id, last_read_seq: frame.last_read_seq }),
        );
      }),
    [client, queryClient, roomId, sharing],
  );

  useEffect(() => {
    // Frames missed while offline are not replayed: the positions are asked for again.
    const back = status === 'online' && previous.current !== 'online' && previous.current !== 'connecting';
    previous.current = status;
    if (back && enabled) void queryClient.invalidateQueries({ queryKey: receiptsKey(roomId, sharing) });
  }, [status, enabled, queryClient, roomId, sharing]);

  return enabled && data?.available ? (data.readers ?? []) : NONE;
}

const NONE: readonly ReadReceipt[] = [];
