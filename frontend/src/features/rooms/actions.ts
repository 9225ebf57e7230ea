import type { RoomPublic } from '../../api';

/**
 * The room actions the server may list in `RoomPublic.my_actions` (the Action table in
 * backend/parley/services/access.py). Typed here so a misspelt action is a compile error.
 */
export type RoomAction =
  | 'read'
  | 'join'
  | 'leave'
  | 'post'
  | 'react'
  | 'pin'
  | 'mention_room'
  | 'typing'
  | 'edit_own'
  | 'delete_own'
  | 'report'
  | 'mark_read'
  | 'set_notifications'
  | 'delete_any'
  | 'moderate'
  | 'promote'
  | 'lock'
  | 'slow_mode'
  | 'bypass_slow_mode'
  | 'edit_room'
  | 'invite'
  | 'read_reports'
  | 'read_audit'
  | 'delete_room';

/**
 * May I do `action` in `room`? Read from the server's answer on the room payload, never
 * worked out here from roles: the UI offers exactly what the server would accept, and the
 * server still decides every request.
 */
export function can(room: Pick<RoomPublic, 'my_actions'> | undefined, action: RoomAction): boolean {
  return room?.my_actions?.includes(action) ?? false;
}
