import { wireMessage } from '../../realtime/testMessage';
import { shouldNotify } from './decide';
import { levelUpdate, settingsOf } from './settings';

const ME = 1;
const fromBob = (extra: Parameters<typeof wireMessage>[1] = {}) =>
  wireMessage(5, { room_id: 7, author: { id: 2, username: 'bob', display_name: 'Bob', avatar_url: null }, ...extra });
const level = (value: 'all' | 'mentions' | 'nothing', muted = false) => ({ level: value, muted, is_default: false });
const elsewhere = { myId: ME, watchedRoom: 3 };

describe('shouldNotify', () => {
  it('all: anything by someone else', () => {
    expect(shouldNotify(fromBob(), level('all'), elsewhere)).toBe(true);
  });

  it('mentions: only what names me or calls the room', () => {
    expect(shouldNotify(fromBob(), level('mentions'), elsewhere)).toBe(false);
    expect(shouldNotify(fromBob({ mentions: [9] }), level('mentions'), elsewhere)).toBe(false);
    expect(shouldNotify(fromBob({ mentions: [ME] }), level('mentions'), elsewhere)).toBe(true);
    expect(shouldNotify(fromBob({ mentions_room: true }), level('mentions'), elsewhere)).toBe(true);
  });

  it('nothing, or muted at any level: never', () => {
    expect(shouldNotify(fromBob({ mentions: [ME] }), level('nothing'), elsewhere)).toBe(false);
    expect(shouldNotify(fromBob({ mentions: [ME] }), level('all', true), elsewhere)).toBe(false);
  });

  it('never my own message, a tombstone, or the room I am looking at', () => {
    const mine = wireMessage(5, { room_id: 7, author: { id: ME, username: 'alice', display_name: 'Alice', avatar_url: null } });
    expect(shouldNotify(mine, level('all'), elsewhere)).toBe(false);
    expect(shouldNotify(fromBob({ deleted_at: '2026-01-01T00:00:00Z' }), level('all'), elsewhere)).toBe(false);
    expect(shouldNotify(fromBob(), level('all'), { myId: ME, watchedRoom: 7 })).toBe(false);
    expect(shouldNotify(fromBob(), level('all'), { myId: null, watchedRoom: null })).toBe(false);
  });

  it('a DM without a choice notifies of every message, a room only of mentions', () => {
    const dm = settingsOf({ kind: 'dm', notifications: null });
    const room = settingsOf({ kind: 'room', notifications: undefined });
    expect(shouldNotify(fromBob(), dm, elsewhere)).toBe(true);
    expect(shouldNotify(fromBob(), room, elsewhere)).toBe(false);
    expect(room).toEqual({ level: 'mentions', muted: false, is_default: true });
  });
});

describe('levelUpdate', () => {
  it('picking the default follows it (null); anything else is a choice', () => {
    expect(levelUpdate({ kind: 'room' }, 'mentions', false)).toEqual({ level: null, muted: false });
    expect(levelUpdate({ kind: 'dm' }, 'all', true)).toEqual({ level: null, muted: true });
    expect(levelUpdate({ kind: 'dm' }, 'mentions', false)).toEqual({ level: 'mentions', muted: false });
  });
});
