import type { RoomPublic } from '../../api';
import { useCurrentUser } from '../auth';
import type { Actor } from './permissions';

/** Me, as the permission matrix sees me in `room` (site admin from my account's role). */
export function useActor(room: RoomPublic | undefined): Actor {
  const { data: me } = useCurrentUser();
  return { userId: me?.id ?? -1, roomRole: room?.my_role, siteAdmin: me?.role === 'admin' };
}

export function useIsSiteAdmin(): boolean {
  const { data: me } = useCurrentUser();
  return me?.role === 'admin';
}
