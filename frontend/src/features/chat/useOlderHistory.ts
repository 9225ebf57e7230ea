import { useCallback, useRef, useState } from 'react';

import { listMessages } from '../../api';
import { useRealtime } from '../../realtime';

export const PAGE_SIZE = 50;

/** Loads the page before the oldest message we hold (keyset pagination on seq). */
export function useOlderHistory(roomId: number) {
  const client = useRealtime();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const busy = useRef(false);

  const loadOlder = useCallback(async () => {
    const state = client.store.get(roomId);
    const oldest = state.messages[0]?.seq;
    if (busy.current || !state.hasMore || oldest === undefined) return;
    busy.current = true;
    setLoading(true);
    setFailed(false);
    try {
      const page = await listMessages(roomId, { beforeSeq: oldest, limit: PAGE_SIZE });
      client.store.dispatch(roomId, { type: 'page', messages: page.messages, hasMore: page.has_more, latest: false });
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [client, roomId]);

  return { loadOlder, loading, failed };
}
