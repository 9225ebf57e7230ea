import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';

import { listMembers } from '../../api';
import { membersKey } from '../rooms';
import { MentionContext } from './directory';

/** The room's members, by id, for every mention shown or typed in the room. */
export function MentionDirectory({ roomId, myId, children }: { roomId: number; myId: number | undefined; children: ReactNode }) {
  const { data: members } = useQuery({
    queryKey: membersKey(roomId),
    queryFn: () => listMembers(roomId),
    staleTime: 60_000,
  });
  const value = useMemo(
    () => ({ roomId, myId, members, byId: new Map((members ?? []).map((member) => [member.user_id, member])) }),
    [roomId, myId, members],
  );
  return <MentionContext.Provider value={value}>{children}</MentionContext.Provider>;
}
