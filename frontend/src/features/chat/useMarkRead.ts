import { useEffect, useState } from 'react';

import { markRead } from '../../api';
import { type RoomState, useRealtime } from '../../realtime';

const MARK_DELAY_MS = 400;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/** While the room is on screen, what arrives is read: tell the server (batched briefly). */
export function useMarkRead(roomId: number, state: RoomState, member: boolean): void {
  const client = useRealtime();
  const visible = usePageVisible();
  const { lastSeq, lastReadSeq } = state;
  useEffect(() => {
    if (!member || !visible || lastSeq <= lastReadSeq) return undefined;
    const timer = setTimeout(() => {
      client.store.dispatch(roomId, { type: 'read', seq: lastSeq });
      markRead(roomId, lastSeq).catch(() => undefined);
    }, MARK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, roomId, member, visible, lastSeq, lastReadSeq]);
}
