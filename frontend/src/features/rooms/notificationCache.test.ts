import { QueryClient } from '@tanstack/react-query';

import type { RoomPublic } from '../../api';
import { applyNotifications, isMuted } from './notificationCache';
import { roomKey, roomsKey } from './queries';

const room = (id: number): RoomPublic =>
  ({ id, name: `r${id}`, kind: 'room', last_seq: 0, locked: false, created_at: '', created_by: null });

describe('applyNotifications (a `notifications` frame, or my own change)', () => {
  it('writes the settings into the room list and the room, leaving the others as they were', () => {
    const queryClient = new QueryClient();
    const others = room(2);
    queryClient.setQueryData(roomsKey, [room(1), others]);
    queryClient.setQueryData(roomKey(1), room(1));
    const settings = { level: 'nothing' as const, muted: true, is_default: false };
    applyNotifications(queryClient, 1, settings);
    const rooms = queryClient.getQueryData<RoomPublic[]>(roomsKey);
    expect(rooms?.[0]?.notifications).toEqual(settings);
    expect(rooms?.[1]).toBe(others);
    expect(queryClient.getQueryData<RoomPublic>(roomKey(1))?.notifications).toEqual(settings);
    expect(isMuted(rooms![0]!)).toBe(true);
    expect(isMuted(others)).toBe(false);
  });

  it('creates nothing that was not cached', () => {
    const queryClient = new QueryClient();
    applyNotifications(queryClient, 1, { level: 'all', muted: false, is_default: false });
    expect(queryClient.getQueryData(roomsKey)).toBeUndefined();
    expect(queryClient.getQueryData(roomKey(1))).toBeUndefined();
  });
});
