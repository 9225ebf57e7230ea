/**
 * Mentions as stored (`<@id>`, `<!room>`) and as typed (`@username`, `@room`). The
 * composer shows what people type; what is sent names people by id, so a rename later
 * changes how a mention shows, not whom it names (backend services/mentions.py).
 */

export interface Mentionable {
  id: number;
  username: string;
}

export const ROOM_TOKEN = '<!room>';
export const ROOM_WORD = 'room';
/** Stored tokens in a body: `<@12>` or `<!room>`. */
export const TOKEN = /<@([1-9]\d{0,18})>|<!room>/g;
// `@name` where a username can stand: at the start or after a space or an opening mark.
// Usernames are 3-32 of [a-z0-9_.-] (case-insensitively typed).
const TYPED = /(^|[\s([{"'])@([A-Za-z0-9_.-]{1,32})/g;

/** The typed body with members' @usernames (and @room, when allowed) as stored tokens. */
export function encodeMentions(body: string, people: readonly Mentionable[], canCallRoom: boolean): string {
  const byName = new Map(people.map((person) => [person.username.toLowerCase(), person.id]));
  return body.replace(TYPED, (whole, before: string, typed: string) => {
    // "@carol." ends a sentence: the name is the longest member name the word starts with.
    let name = typed.toLowerCase();
    let rest = '';
    while (name !== '') {
      if (name === ROOM_WORD && canCallRoom) return `${before}${ROOM_TOKEN}${rest}`;
      const id = byName.get(name);
      if (id !== undefined) return `${before}<@${id}>${rest}`;
      if (!/[.-]$/.test(name)) break;
      rest = typed.slice(name.length - 1, name.length) + rest;
      name = name.slice(0, -1);
    }
    return whole;
  });
}

/** A stored body back as typed, for editing: tokens of people we know become @username. */
export function decodeMentions(body: string, people: readonly Mentionable[]): string {
  const byId = new Map(people.map((person) => [person.id, person.username]));
  return body.replace(TOKEN, (token, id?: string) => {
    if (id === undefined) return `@${ROOM_WORD}`;
    const username = byId.get(Number(id));
    return username === undefined ? token : `@${username}`;
  });
}

/** The `@query` being typed just before the caret, if any: where it starts and what it is. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{"'])@([A-Za-z0-9_.-]{0,32})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}
