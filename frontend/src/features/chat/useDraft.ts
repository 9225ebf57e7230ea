import { useCallback, useState } from 'react';

import { loadDraft, saveDraft } from './drafts';

/**
 * The composer's text, kept as this room's draft. Until I know who I am (userId undefined)
 * nothing is stored; once I do, a still-empty composer picks up the saved draft.
 */
export function useDraft(roomId: number, userId: number | undefined): [string, (body: string) => void] {
  const [body, setBody] = useState(() => (userId === undefined ? '' : loadDraft(userId, roomId)));
  const owner = userId === undefined ? undefined : `${String(userId)}:${String(roomId)}`;
  const [loadedFor, setLoadedFor] = useState(owner);
  if (owner !== loadedFor) {
    // Adjusting state while rendering (React's pattern for "when a prop changes").
    setLoadedFor(owner);
    if (userId !== undefined && body === '') setBody(loadDraft(userId, roomId));
  }
  const update = useCallback(
    (next: string) => {
      setBody(next);
      if (userId !== undefined) saveDraft(userId, roomId, next);
    },
    [roomId, userId],
  );
  return [body, update];
}
