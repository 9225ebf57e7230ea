import { useCurrentUser } from '../auth';
import { useRoom } from '../rooms';
import { type MessagePermissions, messagePermissions } from './permissions';

const NOTHING: MessagePermissions = { canEdit: false, canDelete: false, canReport: false, canReact: false };

/** What the message menu may offer me for a message by `authorId` (the room comes from the cache). */
export function useMessagePermissions(roomId: number, authorId: number): MessagePermissions {
  const { data: room } = useRoom(roomId);
  const { data: me } = useCurrentUser();
  // Until I know who I am, "own message" is unknown: offer nothing rather than guess.
  if (me === undefined) return NOTHING;
  return messagePermissions(room, me.id === authorId);
}
