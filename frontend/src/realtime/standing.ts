/**
 * What moderators did to *me* in one room, from `member` frames addressed to my user id
 * (docs/protocol.md: they reach the affected user's own sockets). REST's `my_role` and
 * `my_muted_until` say the same after a refetch; the frame says it at once, and it is the
 * only place the reason for a kick or ban arrives.
 */
export interface MyStanding {
  /**
   * Set when I was kicked or banned, or lost the right to read the room (`revoked`: it went
   * private, or I am no longer a site admin); cleared when I am let back in.
   */
  removed: 'kicked' | 'banned' | 'revoked' | null;
  reason: string;
  /** undefined: no frame seen (REST's my_muted_until holds); null: not muted. */
  mutedUntil: string | null | undefined;
  /** When a timed ban ends, from its `member banned` frame (absent: until lifted, or unknown). */
  bannedUntil?: string;
}

export const noStanding: MyStanding = { removed: null, reason: '', mutedUntil: undefined };

export interface MemberChange {
  action: string;
  reason?: string | null;
  until?: string | null;
}

export function applyMemberChange(standing: MyStanding, change: MemberChange): MyStanding {
  const reason = change.reason ?? '';
  switch (change.action) {
    case 'kicked':
    case 'banned':
    case 'revoked':
      // Leaving the room ends a mute there too: the composer is gone anyway.
      return {
        removed: change.action,
        reason,
        mutedUntil: null,
        ...(change.action === 'banned' && change.until ? { bannedUntil: change.until } : {}),
      };
    case 'joined':
    case 'invited':
    case 'unbanned':
      return standing.removed === null ? standing : { ...standing, removed: null, reason: '' };
    case 'muted':
      return { ...standing, reason, mutedUntil: change.until ?? null };
    case 'unmuted':
      return { ...standing, mutedUntil: null };
    default:
      return standing;
  }
}
