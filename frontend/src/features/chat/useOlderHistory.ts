import { useCallback, useRef, useState } from 'react';

import { listMessages } from '../../api';
import { useRealtime } from '../../realtime';

export const PAGE_SIZE = 50;

/**
 * Loads the page before the oldest message we hold (keyset pagination on seq). One load
 * at a time: a caller arriving while one runs gets that one's promise, which says whether
 * it worked (true also when there was nothing older to load).
 */
export function useOlderHistory(roomId: number) {
  const client = useRealtime();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const loadOlder = useCallback(
    (limit: number = PAGE_SIZE): Promise<boolean> => {
      if (inFlight.current) return inFlight.current;
      const state = client.store.get(roomId);
      const oldest = state.messages[0]?.seq;
      if (!state.hasMore || oldest === undefined) return Promise.resolve(true);
      setLoading(true);
      setFailed(false);
      const load = listMessages(roomId, { beforeSeq: oldest, limit })
        .then((page) => {
          client.store.dispatch(roomId, { type: 'page', messages: page.messages, hasMore: page.has_more, latest: false });
          return true;
        })
        .catch(() => {
          setFailed(true);
          return false;
        })
        .finally(() => {
          inFlight.current = null;
          setLoading(false);
        });
      inFlight.current = load;
      return load;
    },
    [client, roomId],
  );

  return { loadOlder, loading, failed };
}
