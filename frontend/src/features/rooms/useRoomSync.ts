import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { RoomPublic } from '../../api';
import { type RealtimeClient, useRealtime } from '../../realtime';
import { applyNotifications } from './notificationCache';
import { applyOpenReports } from './reportCache';
import { listingKey, membersKey, roomKey, roomsKey, useMyRooms } from './queries';

function seedOf(room: RoomPublic) {
  return {
    lastSeq: room.last_seq,
    lastChangeSeq: room.last_change_seq ?? 0,
    lastReadSeq: room.last_read_seq ?? 0,
    mentionCount: room.mentions ?? 0,
  };
}

function useInvalidateOnFrames(client: RealtimeClient): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.onServerFrame((frame) => {
        if (frame.type === 'member') {
          void queryClient.invalidateQueries({ queryKey: membersKey(frame.room) });
          void queryClient.invalidateQueries({ queryKey: roomKey(frame.room), exact: true });
          if (frame.user_id === client.getUserId()) {
            void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
            void queryClient.invalidateQueries({ queryKey: listingKey(frame.room) });
          }
        } else if (frame.type === 'room' || frame.type === 'revoked') {
          // Settings and privacy change my_actions; a revoked room may leave the list.
          void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
          void queryClient.invalidateQueries({ queryKey: roomKey(frame.room), exact: true });
          void queryClient.invalidateQueries({ queryKey: listingKey(frame.room) });
        } else if (frame.type === 'notifications') {
          applyNotifications(queryClient, frame.room, frame.settings);
        } else if (frame.type === 'reports') {
          applyOpenReports(queryClient, frame.room, frame.open_reports);
        }
      }),
    [client, queryClient],
  );
}

/**
 * Binds the socket to the room caches: follows every room I am in (for unread badges)
 * and refetches lists when membership or room settings change (my notification
 * settings, changed in any tab, are written in as they come).
 */
export function useRoomSync(): void {
  const client = useRealtime();
  const myRooms = useMyRooms();
  useInvalidateOnFrames(client);

  // Seeds apply once per room (the stream position); later ones only raise the read marker.
  // Declared first so a new room is seeded before the join below asks for `since`.
  useEffect(() => {
    for (const room of myRooms ?? []) client.seed(room.id, seedOf(room));
  }, [client, myRooms]);

  // Keyed by the set of ids only: a refetched last_seq must not leave and re-join rooms.
  const ids = (myRooms ?? []).map((room) => room.id).join(',');
  useEffect(() => {
    if (ids === '') return undefined;
    const releases = ids.split(',').map((id) => client.track(Number(id)));
    return () => releases.forEach((release) => release());
  }, [client, ids]);
}
