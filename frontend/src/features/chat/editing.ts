import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * Which message of the room is being edited: one at a time. A store rather than state in
 * ChatRoom so that starting an edit re-renders the two messages concerned, not the
 * thousands in a long room.
 */
export interface EditingStore {
  current: () => number | null;
  /** `returnFocus`: where the caret goes back once the edit ends (the composer, after ↑). */
  start: (messageId: number, returnFocus?: HTMLElement | null) => void;
  /** Ends the edit of `messageId`; a no-op when another message's edit has begun since. */
  stop: (messageId: number) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createEditingStore(): EditingStore {
  let editing: number | null = null;
  let returnTo: HTMLElement | null = null;
  const listeners = new Set<() => void>();
  const set = (next: number | null) => {
    editing = next;
    for (const listener of listeners) listener();
  };
  return {
    current: () => editing,
    start(messageId, returnFocus = null) {
      returnTo = returnFocus;
      set(messageId);
    },
    stop(messageId) {
      if (editing !== messageId) return;
      const focus = returnTo;
      returnTo = null;
      set(null);
      focus?.focus();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const EditingContext = createContext<EditingStore>(createEditingStore());

export function useEditingStore(): EditingStore {
  return useContext(EditingContext);
}

/** Whether `messageId` is the one being edited; re-renders only when that answer changes. */
export function useIsEditing(messageId: number): boolean {
  const store = useEditingStore();
  return useSyncExternalStore(store.subscribe, () => store.current() === messageId);
}
