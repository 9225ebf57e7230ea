import { can } from './actions';

describe('can (room.my_actions)', () => {
  it('answers from the payload only', () => {
    const room = { my_actions: ['read', 'join', 'invite'] };
    expect(can(room, 'invite')).toBe(true);
    expect(can(room, 'post')).toBe(false);
  });

  it('allows nothing without a room or without actions (an older payload)', () => {
    expect(can(undefined, 'read')).toBe(false);
    expect(can({}, 'read')).toBe(false);
    expect(can({ my_actions: [] }, 'read')).toBe(false);
  });
});
