/**
 * Which moderation controls to offer, from docs/moderation.md's permission matrix. The
 * server decides every request again; this only hides what it would refuse anyway.
 */
import type { ModerationAction, RoomRole } from '../../api';

/** Ranks from docs/moderation.md: site admin 3, owner 2, moderator 1, member 0. */
export type Rank = 0 | 1 | 2 | 3;

const ROLE_RANK: Record<RoomRole, Rank> = { member: 0, moderator: 1, owner: 2 };

export interface Actor {
  userId: number;
  /** My role in this room; null/undefined when I am not a member. */
  roomRole: RoomRole | null | undefined;
  siteAdmin: boolean;
}

export interface Target {
  userId: number;
  roomRole: RoomRole;
  siteAdmin: boolean;
  /** A current mute (muted_until in the future). */
  muted: boolean;
}

/** -1: neither a member nor an admin, so no standing in the room at all. */
export function rankOf(roomRole: RoomRole | null | undefined, siteAdmin: boolean): Rank | -1 {
  if (siteAdmin) return 3;
  return roomRole ? ROLE_RANK[roomRole] : -1;
}

/** Moderators, the owner and site admins manage the room (reports, audit, lock, slow mode). */
export function canManageRoom(actor: Actor): boolean {
  return rankOf(actor.roomRole, actor.siteAdmin) >= 1;
}

/** Deleting the room itself: owner or site admin. */
export function canDeleteRoom(actor: Actor): boolean {
  return rankOf(actor.roomRole, actor.siteAdmin) >= 2;
}

/** Exempt from lock and slow mode. */
export function isExempt(actor: Actor): boolean {
  return canManageRoom(actor);
}

export function canDeleteMessage(actor: Actor, authorId: number): boolean {
  return authorId === actor.userId || canManageRoom(actor);
}

export function canReportMessage(actor: Actor, authorId: number): boolean {
  return authorId !== actor.userId;
}

/** The member actions to show for `target`, in menu order. */
export function memberActions(actor: Actor, target: Target): ModerationAction[] {
  if (actor.userId === target.userId || target.siteAdmin) return [];
  const mine = rankOf(actor.roomRole, actor.siteAdmin);
  const theirs = ROLE_RANK[target.roomRole];
  // Only people ranked strictly below me, and only from moderator up.
  if (mine < 1 || theirs >= mine) return [];
  const actions: ModerationAction[] = [target.muted ? 'unmute' : 'mute', 'kick', 'ban'];
  if (mine >= 2) {
    if (target.roomRole === 'member') actions.push('promote');
    if (target.roomRole === 'moderator') actions.push('demote');
  }
  return actions;
}
