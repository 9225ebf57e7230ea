import type { InvitePublic } from '../../api';

export type InviteState = 'active' | 'revoked' | 'expired' | 'usedUp';

/** Why a link no longer lets anyone in, revocation first: it is what an admin did on purpose. */
export function inviteState(invite: InvitePublic, now: number = Date.now()): InviteState {
  if (invite.revoked) return 'revoked';
  if (Date.parse(invite.expires_at) <= now) return 'expired';
  if (invite.uses >= invite.max_uses) return 'usedUp';
  return 'active';
}

/** The server answers with a path; the person copying it needs the whole address. */
export function fullInviteLink(link: string, origin: string): string {
  return new URL(link, origin).toString();
}
