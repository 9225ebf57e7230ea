import { QueryClient } from '@tanstack/react-query';

import type { MemberPublic, RoomPublic, UserPublic } from '../../api';
import { currentUserKey } from '../auth';
import { membersKey, roomKey, roomsKey } from '../rooms';
import { applyProfile, refetchPeople } from './people';

const bob = { id: 2, display_name: 'Bobby', avatar_url: '/api/users/2/avatar/k2' };

function member(userId: number, name: string): MemberPublic {
  return { user_id: userId, username: name.toLowerCase(), display_name: name, avatar_url: null } as MemberPublic;
}

function dm(id: number, withIds: number[]): RoomPublic {
  return {
    id,
    direct_with: withIds.map((other) => ({ id: other, username: `u${other}`, display_name: `U${other}`, avatar_url: null })),
  } as RoomPublic;
}

describe('applyProfile', () => {
  it('patches members lists, direct messages and my account, and nothing else', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(membersKey(7), [member(1, 'Alice'), member(2, 'Bob')]);
    queryClient.setQueryData(roomsKey, [dm(8, [2]), dm(9, [3])]);
    queryClient.setQueryData(roomKey(8), dm(8, [2]));
    queryClient.setQueryData(currentUserKey, { id: 1, username: 'alice', display_name: 'Alice' });

    applyProfile(queryClient, bob);

    const members = queryClient.getQueryData<MemberPublic[]>(membersKey(7));
    expect(members?.[1]).toMatchObject({ display_name: 'Bobby', avatar_url: bob.avatar_url });
    expect(members?.[0]).toMatchObject({ display_name: 'Alice', avatar_url: null });
    const rooms = queryClient.getQueryData<RoomPublic[]>(roomsKey);
    expect(rooms?.[0]?.direct_with?.[0]).toMatchObject({ display_name: 'Bobby', avatar_url: bob.avatar_url });
    expect(rooms?.[1]?.direct_with?.[0]?.display_name).toBe('U3');
    expect(queryClient.getQueryData<RoomPublic>(roomKey(8))?.direct_with?.[0]?.display_name).toBe('Bobby');
    expect(queryClient.getQueryData<UserPublic>(currentUserKey)?.display_name).toBe('Alice');

    applyProfile(queryClient, { id: 1, display_name: 'Ally', avatar_url: null });
    expect(queryClient.getQueryData<UserPublic>(currentUserKey)?.display_name).toBe('Ally');
  });

  it('marks people lists stale after a reconnect', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(membersKey(7), [member(1, 'Alice')]);
    queryClient.setQueryData(roomsKey, []);
    refetchPeople(queryClient);
    expect(queryClient.getQueryState(membersKey(7))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(roomsKey)?.isInvalidated).toBe(true);
  });
});
