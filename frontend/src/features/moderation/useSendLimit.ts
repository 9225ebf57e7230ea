import { useCallback, useEffect, useState } from 'react';

import type { RoomPublic } from '../../api';
import { useRoomState } from '../../realtime';
import { can } from '../rooms';
import { nextChangeIn, type SendLimit, sendLimit } from './sendLimits';

// Per room, for the tab's lifetime: leaving and reopening a room must not reset slow mode.
const lastSent = new Map<number, number>();

export interface SendLimits {
  limit: SendLimit;
  /** Call after each send: starts slow mode's countdown. */
  noteSent: () => void;
}

/** The composer's mute / slow-mode state, re-evaluated when it expires or ticks. */
export function useSendLimit(room: RoomPublic): SendLimits {
  const { standing } = useRoomState(room.id);
  const [now, setNow] = useState(Date.now);
  const [sentAt, setSentAt] = useState(() => lastSent.get(room.id) ?? null);
  // A frame is fresher than the cached room until the room is refetched; both agree after.
  const mutedUntil = standing.mutedUntil !== undefined ? standing.mutedUntil : room.my_muted_until;
  const limit = sendLimit({
    mutedUntil,
    slowModeSeconds: room.slow_mode_seconds ?? 0,
    exempt: can(room, 'bypass_slow_mode'),
    lastSentAt: sentAt,
    now,
  });
  const wait = nextChangeIn(limit, now);

  useEffect(() => {
    if (wait === null) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [wait, now]);

  const noteSent = useCallback(() => {
    const at = Date.now();
    lastSent.set(room.id, at);
    setSentAt(at);
    setNow(at);
  }, [room.id]);

  return { limit, noteSent };
}
