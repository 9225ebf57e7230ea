import { useCallback, useSyncExternalStore } from 'react';

import { useRealtime } from './context';
import { type RoomState, unreadCount, unreadMentions } from './roomState';
import type { ConnectionStatus } from './socket';

export function useConnectionStatus(): ConnectionStatus {
  const { socket } = useRealtime();
  return useSyncExternalStore(socket.subscribe, socket.getStatus);
}

/** When the site-wide ban that closed the connection ends (null: no end said). */
export function useBannedUntil(): string | null {
  const { socket } = useRealtime();
  return useSyncExternalStore(socket.subscribe, socket.getBannedUntil);
}

/** One room's live state; re-renders only when that room changes. */
export function useRoomState(roomId: number): RoomState {
  const { store } = useRealtime();
  const subscribe = useCallback((listener: () => void) => store.subscribeRoom(roomId, listener), [store, roomId]);
  return useSyncExternalStore(subscribe, () => store.get(roomId));
}

export function useUnreadCount(roomId: number): number {
  const { store } = useRealtime();
  const subscribe = useCallback((listener: () => void) => store.subscribeRoom(roomId, listener), [store, roomId]);
  return useSyncExternalStore(subscribe, () => unreadCount(store.get(roomId)));
}

/** Unread messages that name me or call the room. */
export function useMentionCount(roomId: number): number {
  const { store } = useRealtime();
  const subscribe = useCallback((listener: () => void) => store.subscribeRoom(roomId, listener), [store, roomId]);
  return useSyncExternalStore(subscribe, () => unreadMentions(store.get(roomId)));
}

/** Unread messages summed over the given rooms (for the document title). */
export function useUnreadTotal(roomIds: readonly number[]): number {
  const { store } = useRealtime();
  const key = roomIds.join(',');
  const getTotal = useCallback(
    () =>
      key === ''
        ? 0
        : key
            .split(',')
            .reduce((total, id) => total + unreadCount(store.get(Number(id))), 0),
    [store, key],
  );
  return useSyncExternalStore(store.subscribe, getTotal);
}

/** Unread messages that name me or call the room, summed over the given rooms (the favicon). */
export function useMentionTotal(roomIds: readonly number[]): number {
  const { store } = useRealtime();
  const key = roomIds.join(',');
  const getTotal = useCallback(
    () => (key === '' ? 0 : key.split(',').reduce((total, id) => total + unreadMentions(store.get(Number(id))), 0)),
    [store, key],
  );
  return useSyncExternalStore(store.subscribe, getTotal);
}

/** Whether the person is connected, as far as the rooms we follow tell (RoomStore.isOnline). */
export function usePresence(userId: number): boolean {
  const { store } = useRealtime();
  return useSyncExternalStore(store.subscribe, () => store.isOnline(userId));
}

/** How many of these people are connected (a group DM's "2 online"). */
export function useOnlineCount(userIds: readonly number[]): number {
  const { store } = useRealtime();
  // A number is a stable snapshot: re-renders only when the count changes.
  return useSyncExternalStore(store.subscribe, () => userIds.filter((id) => store.isOnline(id)).length);
}
