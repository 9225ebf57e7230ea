import { useMutation } from '@tanstack/react-query';

import { deleteMessage, editMessage, type MessagePublic } from '../../api';
import { useRealtime } from '../../realtime';

/** Edit and delete over REST; the result goes through the room store like the socket's echo. */
export function useMessageMutations(roomId: number) {
  const client = useRealtime();
  const apply = (message: MessagePublic) => client.store.dispatch(roomId, { type: 'replace', message });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) => editMessage(id, body),
    onSuccess: apply,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteMessage(id),
    onSuccess: (message) => {
      // DELETE answers with the tombstone; older servers may answer 204 (an empty object).
      if (typeof (message as Partial<MessagePublic>).seq === 'number') apply(message as MessagePublic);
    },
  });
  return { edit, remove };
}
