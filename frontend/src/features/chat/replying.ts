import { createContext, useContext, useSyncExternalStore } from 'react';

import type { WireMessage } from '../../realtime';

/**
 * The message the composer is answering, if any: one at a time per room. A store, like
 * editing.ts, so picking "Reply" re-renders the composer, not the message list.
 */
export interface ReplyStore {
  current: () => WireMessage | null;
  start: (message: WireMessage) => void;
  stop: () => void;
  subscribe: (listener: () => void) => () => void;
}

export function createReplyStore(): ReplyStore {
  let target: WireMessage | null = null;
  const listeners = new Set<() => void>();
  const set = (next: WireMessage | null) => {
    target = next;
    for (const listener of listeners) listener();
  };
  return {
    current: () => target,
    start: (message) => set(message),
    stop: () => {
      if (target !== null) set(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const ReplyContext = createContext<ReplyStore>(createReplyStore());

export function useReplyStore(): ReplyStore {
  return useContext(ReplyContext);
}

export function useReplyTarget(): WireMessage | null {
  const store = useReplyStore();
  return useSyncExternalStore(store.subscribe, store.current);
}
