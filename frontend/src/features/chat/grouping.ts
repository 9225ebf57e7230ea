import type { WireMessage } from '../../realtime';

export const GROUP_WINDOW_MS = 5 * 60_000;

export interface MessageGroup {
  key: string;
  authorId: number;
  authorName: string;
  startedAt: string;
  messages: WireMessage[];
}

/**
 * Consecutive messages by one author within 5 minutes of the run's first one share a
 * header, so the header's time stays true for everything under it.
 */
export function groupMessages(messages: readonly WireMessage[]): MessageGroup[] {
  const groups: MessageGroup[] = [];
  for (const message of messages) {
    const at = Date.parse(message.created_at);
    const current = groups.at(-1);
    if (current?.authorId === message.author.id && at - Date.parse(current.startedAt) <= GROUP_WINDOW_MS) {
      current.messages.push(message);
    } else {
      groups.push({
        key: `g${message.seq}`,
        authorId: message.author.id,
        authorName: message.author.display_name || message.author.username,
        startedAt: message.created_at,
        messages: [message],
      });
    }
  }
  return groups;
}
