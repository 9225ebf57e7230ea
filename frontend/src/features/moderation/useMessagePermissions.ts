import { useRoom } from '../rooms';
import { canDeleteMessage, canReportMessage } from './permissions';
import { useActor } from './useActor';

/** What the message menu may offer me for a message by `authorId` (the room comes from the cache). */
export function useMessagePermissions(roomId: number, authorId: number): { canDelete: boolean; canReport: boolean } {
  const { data: room } = useRoom(roomId);
  const actor = useActor(room);
  if (actor.userId < 0) return { canDelete: false, canReport: false };
  return { canDelete: canDeleteMessage(actor, authorId), canReport: canReportMessage(actor, authorId) };
}
