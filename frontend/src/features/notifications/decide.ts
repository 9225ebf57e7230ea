import type { NotificationSettings, WireMessageLike } from './types';

export interface NotifyContext {
  /** My user id; null until the socket said who I am. */
  myId: number | null;
  /** The room open in a tab that is visible and focused (any tab of this browser), if any. */
  watchedRoom: number | null;
}

/**
 * Whether a live message should call out, following the room's level (as the server's
 * `wants` decides pushes): all → anything by someone else; mentions → what names me or
 * calls the room; nothing, or muted → never. Never my own, a tombstone, or the room I am
 * looking at.
 */
export function shouldNotify(message: WireMessageLike, settings: NotificationSettings, context: NotifyContext): boolean {
  if (context.myId === null || message.author.id === context.myId || message.deleted_at !== null) return false;
  if (settings.muted || context.watchedRoom === message.room_id) return false;
  if (settings.level === 'all') return true;
  if (settings.level === 'mentions') return message.mentions_room === true || (message.mentions ?? []).includes(context.myId);
  return false;
}
