import { memberActions, messagePermissions } from './permissions';

// Payloads as the server sends them (services/access.py): the client only reads them.
const MEMBER = ['read', 'leave', 'post', 'react', 'typing', 'edit_own', 'delete_own', 'report', 'mark_read'];
const MODERATOR = [...MEMBER, 'delete_any', 'moderate', 'lock', 'slow_mode', 'bypass_slow_mode', 'invite'];

describe('memberActions (member.my_actions)', () => {
  it('shows the server’s actions in its order', () => {
    expect(memberActions({ my_actions: ['unmute', 'kick', 'ban', 'demote'] })).toEqual([
      'unmute',
      'kick',
      'ban',
      'demote',
    ]);
  });

  it('shows nothing when the server offers nothing', () => {
    expect(memberActions({ my_actions: [] })).toEqual([]);
    expect(memberActions({})).toEqual([]);
  });

  it('drops actions the menu has no entry for', () => {
    expect(memberActions({ my_actions: ['warn', 'kick', 'unban'] })).toEqual(['kick']);
  });
});

describe('messagePermissions (room.my_actions)', () => {
  it('lets a member edit and delete their own message, and report only others’', () => {
    const room = { my_actions: MEMBER };
    expect(messagePermissions(room, true)).toEqual({ canEdit: true, canDelete: true, canReport: false, canReact: true });
    expect(messagePermissions(room, false)).toEqual({ canEdit: false, canDelete: false, canReport: true, canReact: true });
  });

  it('offers Delete on others’ messages with delete_any', () => {
    expect(messagePermissions({ my_actions: MODERATOR }, false).canDelete).toBe(true);
  });

  it('follows the payload when edits are refused (muted, locked) but deleting one’s own is not', () => {
    const muted = { my_actions: MEMBER.filter((action) => !['post', 'react', 'typing', 'edit_own'].includes(action)) };
    expect(messagePermissions(muted, true)).toEqual({ canEdit: false, canDelete: true, canReport: false, canReact: false });
  });

  it('offers nothing before the room is known', () => {
    expect(messagePermissions(undefined, false)).toEqual({
      canEdit: false,
      canDelete: false,
      canReport: false,
      canReact: false,
    });
  });
});
