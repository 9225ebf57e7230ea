import { useMutation } from '@tanstack/react-query';

import { setReaction } from '../../api';

/**
 * Add or take back a reaction. The message changes when the `reactions` frame arrives
 * (to every socket in the room, mine too), so there is no local copy to keep in step.
 */
export function useReaction(messageId: number) {
  return useMutation({
    mutationFn: ({ emoji, on }: { emoji: string; on: boolean }) => setReaction(messageId, emoji, on),
  });
}
