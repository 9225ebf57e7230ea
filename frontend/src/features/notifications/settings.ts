import type { NotificationSettings, NotifyLevel, RoomPublic } from '../../api';

/** The server's default (services/notifications.py): a DM is all for its people, a room only what names them. */
export function defaultLevel(room: Pick<RoomPublic, 'kind'>): NotifyLevel {
  return room.kind === 'dm' ? 'all' : 'mentions';
}

/** What is in effect for me in `room`, the default when the server has not said. */
export function settingsOf(room: Pick<RoomPublic, 'kind' | 'notifications'>): Required<NotificationSettings> {
  const chosen = room.notifications;
  if (!chosen) return { level: defaultLevel(room), muted: false, is_default: true };
  return { level: chosen.level, muted: chosen.muted ?? false, is_default: chosen.is_default ?? false };
}

/** The PUT body for choosing `level`: picking the default follows it (null), so a later change of default applies. */
export function levelUpdate(room: Pick<RoomPublic, 'kind'>, level: NotifyLevel, muted: boolean) {
  return { level: level === defaultLevel(room) ? null : level, muted };
}
