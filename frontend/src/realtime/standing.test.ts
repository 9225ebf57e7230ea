import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';
import { applyMemberChange, noStanding } from './standing';

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);

describe('member frames about me', () => {
  it('records a ban with its reason and ends any mute', () => {
    const state = run([
      { type: 'standing', action: 'muted', until: '2026-11-23T21:00:00Z', reason: 'calm down' },
      { type: 'standing', action: 'banned', reason: 'spam' },
    ]);
    expect(state.standing).toEqual({ removed: 'banned', reason: 'spam', mutedUntil: null });
  });

  it('keeps when a timed ban ends', () => {
    const state = run([{ type: 'standing', action: 'banned', reason: 'cool off', until: '2026-12-04T10:00:00Z' }]);
    expect(state.standing).toEqual({
      removed: 'banned',
      reason: 'cool off',
      mutedUntil: null,
      bannedUntil: '2026-12-04T10:00:00Z',
    });
  });

  it('records a kick, cleared again when I rejoin', () => {
    const kicked = run([{ type: 'standing', action: 'kicked', reason: 'off topic' }]);
    expect(kicked.standing.removed).toBe('kicked');
    expect(kicked.standing.reason).toBe('off topic');
    const back = roomReducer(kicked, { type: 'standing', action: 'joined' });
    expect(back.standing.removed).toBeNull();
  });

  it('records a revoked read right with its reason, cleared by an invitation', () => {
    const revoked = run([{ type: 'standing', action: 'revoked', reason: 'The room is now private' }]);
    expect(revoked.standing).toEqual({ removed: 'revoked', reason: 'The room is now private', mutedUntil: null });
    expect(roomReducer(revoked, { type: 'standing', action: 'invited' }).standing.removed).toBeNull();
  });

  it('keeps the until of a mute and forgets it on unmute', () => {
    const muted = run([{ type: 'standing', action: 'muted', until: '2026-11-23T14:05:00Z' }]);
    expect(muted.standing.mutedUntil).toBe('2026-11-23T14:05:00Z');
    expect(roomReducer(muted, { type: 'standing', action: 'unmuted' }).standing.mutedUntil).toBeNull();
  });

  it('ignores actions that do not change my standing (same state object)', () => {
    const state = run([{ type: 'standing', action: 'promoted' }]);
    expect(state).toBe(emptyRoom);
    expect(applyMemberChange(noStanding, { action: 'left' })).toBe(noStanding);
  });
});
