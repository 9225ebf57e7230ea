import { describe, expect, it } from 'vitest';

import type { InvitePublic } from '../../api';
import { fullInviteLink, inviteState } from './inviteStatus';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function invite(overrides: Partial<InvitePublic> = {}): InvitePublic {
  return {
    id: 1,
    room_id: null,
    created_by: 1,
    created_at: '2026-12-01T12:00:00Z',
    expires_at: '2026-12-04T12:00:00Z',
    max_uses: 2,
    uses: 0,
    revoked: false,
    ...overrides,
  };
}

describe('inviteState', () => {
  it('is active while unexpired, unrevoked and not used up', () => {
    expect(inviteState(invite({ uses: 1 }), NOW)).toBe('active');
  });

  it('is expired from its expiry on', () => {
    expect(inviteState(invite({ expires_at: '2026-12-03T12:00:00Z' }), NOW)).toBe('expired');
  });

  it('is used up once every use is spent', () => {
    expect(inviteState(invite({ uses: 2 }), NOW)).toBe('usedUp');
  });

  it('says revoked before anything else', () => {
    expect(inviteState(invite({ revoked: true, uses: 2, expires_at: '2026-12-01T00:00:00Z' }), NOW)).toBe('revoked');
  });
});

describe('fullInviteLink', () => {
  it('puts the server path on this site', () => {
    expect(fullInviteLink('/invite/abc_DEF-123', 'https://chat.example.org')).toBe(
      'https://chat.example.org/invite/abc_DEF-123',
    );
  });
});
