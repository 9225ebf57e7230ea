/**
 * Which moderation controls to offer, read from the server's answers: `room.my_actions`
 * and `member.my_actions` (backend/parley/services/access.py). Nothing here knows the
 * roles or ranks; the server decides every request again anyway.
 */
import type { MemberPublic, ModerationAction, RoomPublic } from '../../api';
import { can } from '../rooms';

/** The member menu's entries; anything else (a newer server's action) has no label yet. */
const MENU: readonly ModerationAction[] = ['mute', 'unmute', 'kick', 'ban', 'promote', 'demote'];

/** What I may do to this member, in the server's menu order (mute or unmute already chosen). */
export function memberActions(member: Pick<MemberPublic, 'my_actions'>): ModerationAction[] {
  return (member.my_actions ?? []).filter((action): action is ModerationAction =>
    (MENU as readonly string[]).includes(action),
  );
}

export interface MessagePermissions {
  canEdit: boolean;
  canDelete: boolean;
  canReport: boolean;
  canReact: boolean;
}

/**
 * The message menu for one message. Whether it is my own is a fact, not a permission: it
 * picks which of the server's actions applies (delete_own or delete_any), and one cannot
 * report oneself.
 */
export function messagePermissions(room: Pick<RoomPublic, 'my_actions'> | undefined, own: boolean): MessagePermissions {
  return {
    canEdit: own && can(room, 'edit_own'),
    canDelete: can(room, own ? 'delete_own' : 'delete_any'),
    canReport: !own && can(room, 'report'),
    canReact: can(room, 'react'),
  };
}
