import { useMutation } from '@tanstack/react-query';

import { editMessage, type MessagePublic } from '../../api';
import { useRealtime } from '../../realtime';

/** Edit over REST; the result goes through the room store like the socket's echo. */
export function useMessageMutations(roomId: number) {
  const client = useRealtime();
  const apply = (message: MessagePublic) => client.store.dispatch(roomId, { type: 'replace', message });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) => editMessage(id, body),
    onSuccess: apply,
  });
  return { edit };
}
