import type { MessagePublic, NotificationSettings } from '../../api';

export type { NotificationSettings };

/** The parts of a message a notification reads. */
export type WireMessageLike = Pick<
  MessagePublic,
  'room_id' | 'seq' | 'author' | 'body' | 'deleted_at' | 'mentions' | 'mentions_room' | 'attachments'
>;
