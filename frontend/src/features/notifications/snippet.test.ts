import type { RoomPublic } from '../../api';
import { wireMessage } from '../../realtime/testMessage';
import { noticeFor, plainText, snippet, SNIPPET_MAX } from './snippet';

const words = { roomWord: 'room', someone: 'someone', attachment: '📎 Attachment' };
const names = new Map([[1, 'Alice']]);
const nameOf = (id: number) => names.get(id);

describe('plainText', () => {
  it('drops Markdown marks and keeps what they mark', () => {
    expect(plainText('**bold** and _it_ and ~~gone~~ `code()`')).toBe('bold and it and gone code()');
    expect(plainText('see [the docs](https://x.test/a) ![a cat](/c.png)')).toBe('see the docs a cat');
    expect(plainText('# Title\n> quoted\n- one\n2. two')).toBe('Title quoted one two');
    expect(plainText('```python\nprint(1)\n```')).toBe('print(1)');
  });

  it('leaves snake_case, arithmetic and HTML-looking text alone (it is only ever text)', () => {
    expect(plainText('my_var_name 2*3*4')).toBe('my_var_name 2*3*4');
    expect(plainText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('snippet', () => {
  it('names mentions, calls the room in words, and says someone for a stranger', () => {
    expect(snippet(wireMessage(1, { body: 'hi <@1>, <@9> and <!room>' }), nameOf, words)).toBe('hi @Alice, @someone and @room');
  });

  it('cuts long text with an ellipsis and names a bare attachment', () => {
    const long = snippet(wireMessage(1, { body: 'word '.repeat(100) }), nameOf, words);
    expect(long.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(long.endsWith('…')).toBe(true);
    const upload = { id: 'u', status: 'ready' } as unknown as NonNullable<ReturnType<typeof wireMessage>['attachments']>[number];
    expect(snippet(wireMessage(1, { body: '', attachments: [upload] }), nameOf, words)).toBe('📎 Attachment');
  });
});

describe('noticeFor', () => {
  const room = { id: 7, name: 'general', kind: 'room' } as RoomPublic;
  const dm = { id: 8, name: 'dm', kind: 'dm', direct_with: [{ id: 2, username: 'bob', display_name: 'Bob', avatar_url: null }] } as RoomPublic;
  const message = wireMessage(12, { room_id: 7, body: '**ship** it', author: { id: 2, username: 'bob', display_name: 'Bob', avatar_url: null } });

  it('titles a room by name, a DM by its people; the body says who and what; one tag per room', () => {
    expect(noticeFor(room, message, nameOf, words)).toEqual({
      title: 'general',
      body: 'Bob: ship it',
      tag: 'room-7',
      url: '/rooms/7?message=12',
    });
    expect(noticeFor(dm, { ...message, room_id: 8 }, nameOf, words)).toMatchObject({ title: 'Bob', tag: 'room-8', url: '/rooms/8?message=12' });
  });
});
