import { createContext, useContext } from 'react';

import type { MemberPublic } from '../../api';

export interface Directory {
  roomId: number;
  myId: number | undefined;
  members: readonly MemberPublic[] | undefined;
  byId: ReadonlyMap<number, MemberPublic>;
}

export const MentionContext = createContext<Directory>({ roomId: 0, myId: undefined, members: undefined, byId: new Map() });

/** The room's members for mentions shown or typed (MentionDirectory provides them). */
export function useMentionDirectory(): Directory {
  return useContext(MentionContext);
}
