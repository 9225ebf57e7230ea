import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';

type Listener = () => void;

/**
 * Holds every room's state and tells React (through useSyncExternalStore) when one
 * changes. Live data never sits in component state, so a burst of frames is never lost
 * between renders: each frame is reduced here first, and components read snapshots.
 */
export class RoomStore {
  private rooms = new Map<number, RoomState>();
  private roomListeners = new Map<number, Set<Listener>>();
  private anyListeners = new Set<Listener>();
  private pruneTimers = new Map<number, ReturnType<typeof setTimeout>>();

  get(roomId: number): RoomState {
    return this.rooms.get(roomId) ?? emptyRoom;
  }

  /**
   * Whether any room we follow counts this person as connected. Presence reaches us only
   * through shared rooms (`joined.online`, `presence` frames), so this is as much as the
   * client can know: offline may also mean "shares no followed room".
   */
  isOnline(userId: number): boolean {
    for (const state of this.rooms.values()) if (state.online.has(userId)) return true;
    return false;
  }

  roomIds(): number[] {
    return [...this.rooms.keys()];
  }

  dispatch(roomId: number, action: RoomAction): void {
    const before = this.get(roomId);
    const after = roomReducer(before, action);
    if (after === before) return;
    this.rooms.set(roomId, after);
    if (action.type === 'typing') this.schedulePrune(roomId, after);
    for (const listener of this.roomListeners.get(roomId) ?? []) listener();
    for (const listener of this.anyListeners) listener();
  }

  /** For user-level frames (presence) that concern every room we hold. */
  dispatchAll(action: RoomAction): void {
    for (const roomId of this.roomIds()) this.dispatch(roomId, action);
  }

  subscribeRoom(roomId: number, listener: Listener): () => void {
    let listeners = this.roomListeners.get(roomId);
    if (!listeners) {
      listeners = new Set();
      this.roomListeners.set(roomId, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** An arrow property: a stable identity, so useSyncExternalStore does not resubscribe. */
  subscribe = (listener: Listener): (() => void) => {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  };

  clear(): void {
    for (const timer of this.pruneTimers.values()) clearTimeout(timer);
    this.pruneTimers.clear();
    this.rooms.clear();
  }

  private schedulePrune(roomId: number, state: RoomState): void {
    // One timer per room, aimed at the earliest expiry, so "Bob is typing…" disappears
    // on time even when no other frame arrives.
    const earliest = Math.min(...state.typing.map((user) => user.until));
    const existing = this.pruneTimers.get(roomId);
    if (existing !== undefined) clearTimeout(existing);
    const delay = Math.max(0, earliest - Date.now()) + 20;
    this.pruneTimers.set(
      roomId,
      setTimeout(() => {
        this.pruneTimers.delete(roomId);
        this.dispatch(roomId, { type: 'typingPrune', now: Date.now() });
        const left = this.get(roomId);
        if (left.typing.length > 0) this.schedulePrune(roomId, left);
      }, delay),
    );
  }
}
