import { decodeMentions, encodeMentions, mentionQueryAt } from './tokens';

const people = [
  { id: 3, username: 'carol' },
  { id: 12, username: 'bob.smith' },
];

describe('mention tokens', () => {
  it('stores members named by @username as ids, whatever the case and the punctuation after', () => {
    expect(encodeMentions('@Carol, see @bob.smith. And @nobody', people, false)).toBe(
      '<@3>, see <@12>. And @nobody',
    );
    expect(encodeMentions('(@carol) mail@carol.com', people, false)).toBe('(<@3>) mail@carol.com');
  });

  it('calls the room only for those who may', () => {
    expect(encodeMentions('@room standup', people, true)).toBe('<!room> standup');
    expect(encodeMentions('@room standup', people, false)).toBe('@room standup');
  });

  it('shows stored mentions as typed again for editing, keeping ids it cannot name', () => {
    expect(decodeMentions('<@3> and <@12> and <@99> <!room>', people)).toBe('@carol and @bob.smith and <@99> @room');
    const typed = '@carol, @bob.smith!';
    expect(decodeMentions(encodeMentions(typed, people, false), people)).toBe(typed);
  });

  it('finds the @query before the caret', () => {
    expect(mentionQueryAt('hi @ca', 6)).toEqual({ start: 3, query: 'ca' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail@ca', 7)).toBeNull();
    expect(mentionQueryAt('hi @carol there', 15)).toBeNull();
  });
});
