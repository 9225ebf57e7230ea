import { createContext, useContext } from 'react';

/** Scrolls the message list to a message by seq, loading history until it is there. */
export type Jump = (seq: number) => void;

export const JumpContext = createContext<Jump>(() => undefined);

export function useJump(): Jump {
  return useContext(JumpContext);
}
