import type { WireMessage } from '../../realtime';
import { localDay } from './time';

export const GROUP_WINDOW_MS = 5 * 60_000;

export interface MessageGroup {
  key: string;
  authorId: number;
  authorName: string;
  /** The first message's author (name and picture as that message was read). */
  author: WireMessage['author'];
  startedAt: string;
  messages: WireMessage[];
}

/** What the message list shows, in order: a day's separator, then that day's groups. */
export type TimelineItem =
  | { kind: 'day'; key: string; day: string; firstAt: string }
  | { kind: 'group'; key: string; group: MessageGroup };

/**
 * Consecutive messages by one author within 5 minutes of the run's first one share a
 * header, so the header's time stays true for everything under it. A run never crosses
 * local midnight: a day separator goes between the two days.
 */
export function groupMessages(messages: readonly WireMessage[]): MessageGroup[] {
  const groups: MessageGroup[] = [];
  for (const message of messages) {
    const at = Date.parse(message.created_at);
    const current = groups.at(-1);
    if (
      current?.authorId === message.author.id &&
      at - Date.parse(current.startedAt) <= GROUP_WINDOW_MS &&
      localDay(current.startedAt) === localDay(message.created_at)
    ) {
      current.messages.push(message);
    } else {
      groups.push({
        key: `g${message.seq}`,
        authorId: message.author.id,
        authorName: message.author.display_name || message.author.username,
        author: message.author,
        startedAt: message.created_at,
        messages: [message],
      });
    }
  }
  return groups;
}

/** The groups with a separator before the first group of each local day. */
export function buildTimeline(messages: readonly WireMessage[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  let day: string | undefined;
  for (const group of groupMessages(messages)) {
    const groupDay = localDay(group.startedAt);
    if (groupDay !== day) {
      day = groupDay;
      // Keyed by the day, not its first message: loading older history that day keeps the node.
      items.push({ kind: 'day', key: `d${groupDay}`, day: groupDay, firstAt: group.startedAt });
    }
    items.push({ kind: 'group', key: group.key, group });
  }
  return items;
}
