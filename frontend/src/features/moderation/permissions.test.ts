import { canDeleteMessage, canManageRoom, canReportMessage, type Actor, memberActions, type Target } from './permissions';

const actor = (roomRole: Actor['roomRole'], siteAdmin = false): Actor => ({ userId: 1, roomRole, siteAdmin });
const target = (roomRole: Target['roomRole'], extra: Partial<Target> = {}): Target => ({
  userId: 2,
  roomRole,
  siteAdmin: false,
  muted: false,
  ...extra,
});

describe('memberActions (docs/moderation.md matrix)', () => {
  it('gives a member nothing over anyone', () => {
    expect(memberActions(actor('member'), target('member'))).toEqual([]);
    expect(memberActions(actor(null), target('member'))).toEqual([]);
  });

  it('lets a moderator mute, kick and ban members, but not promote', () => {
    expect(memberActions(actor('moderator'), target('member'))).toEqual(['mute', 'kick', 'ban']);
  });

  it('refuses a moderator over another moderator or the owner', () => {
    expect(memberActions(actor('moderator'), target('moderator'))).toEqual([]);
    expect(memberActions(actor('moderator'), target('owner'))).toEqual([]);
  });

  it('lets the owner promote members and demote moderators', () => {
    expect(memberActions(actor('owner'), target('member'))).toEqual(['mute', 'kick', 'ban', 'promote']);
    expect(memberActions(actor('owner'), target('moderator'))).toEqual(['mute', 'kick', 'ban', 'demote']);
  });

  it('offers unmute instead of mute for someone muted', () => {
    expect(memberActions(actor('owner'), target('member', { muted: true }))[0]).toBe('unmute');
  });

  it('lets only a site admin act on the owner', () => {
    expect(memberActions(actor('owner'), target('owner', { userId: 3 }))).toEqual([]);
    expect(memberActions(actor(null, true), target('owner'))).toEqual(['mute', 'kick', 'ban']);
  });

  it('never offers anything against oneself or a site admin', () => {
    expect(memberActions(actor('owner'), target('member', { userId: 1 }))).toEqual([]);
    expect(memberActions(actor(null, true), target('member', { siteAdmin: true }))).toEqual([]);
    expect(memberActions(actor('owner'), target('moderator', { siteAdmin: true }))).toEqual([]);
  });
});

describe('message and room permissions', () => {
  it('lets anyone delete their own message, and managers anyone’s', () => {
    expect(canDeleteMessage(actor('member'), 1)).toBe(true);
    expect(canDeleteMessage(actor('member'), 2)).toBe(false);
    expect(canDeleteMessage(actor('moderator'), 2)).toBe(true);
    expect(canDeleteMessage(actor(null, true), 2)).toBe(true);
  });

  it('reports only others’ messages', () => {
    expect(canReportMessage(actor('member'), 2)).toBe(true);
    expect(canReportMessage(actor('owner'), 1)).toBe(false);
  });

  it('gives the queue, audit and settings to moderators and up', () => {
    expect(canManageRoom(actor('member'))).toBe(false);
    expect(canManageRoom(actor('moderator'))).toBe(true);
    expect(canManageRoom(actor(null, true))).toBe(true);
  });
});
