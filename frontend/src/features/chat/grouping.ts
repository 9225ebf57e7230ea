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
  /** "New messages": just above the first unread message. */
  | { kind: 'unread'; key: string }
  | { kind: 'group'; key: string; group: MessageGroup };

/**
 * Consecutive messages by one author within 5 minutes of the run's first one share a
 * header, so the header's time stays true for everything under it. A run never crosses
 * local midnight: a day separator goes between the two days. A run also starts afresh at
 * `breakAt` (the first unread message), so the "New messages" line can sit above it.
 */
export function groupMessages(messages: readonly WireMessage[], breakAt?: number): MessageGroup[] {
  const groups: MessageGroup[] = [];
  for (const message of messages) {
    const at = Date.parse(message.created_at);
    const current = groups.at(-1);
    if (
      message.seq !== breakAt &&
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

/**
 * The groups with a separator before the first group of each local day, and the
 * "New messages" line before the group that starts at `unreadSeq` (after its day's line).
 */
export function buildTimeline(messages: readonly WireMessage[], unreadSeq?: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  let day: string | undefined;
  for (const group of groupMessages(messages, unreadSeq)) {
    const groupDay = localDay(group.startedAt);
    if (groupDay !== day) {
      day = groupDay;
      // Keyed by the day, not its first message: loading older history that day keeps the node.
      items.push({ kind: 'day', key: `d${groupDay}`, day: groupDay, firstAt: group.startedAt });
    }
    if (group.messages[0]?.seq === unreadSeq) items.push({ kind: 'unread', key: 'unread' });
    items.push({ kind: 'group', key: group.key, group });
  }
  return items;
}
