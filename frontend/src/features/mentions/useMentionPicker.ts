import { type KeyboardEvent, type RefObject, useMemo, useRef, useState } from 'react';

import type { MemberPublic } from '../../api';
import { useMentionDirectory } from './directory';
import { encodeMentions, type Mentionable, mentionQueryAt, ROOM_WORD } from './tokens';

const SHOWN = 6;

export type MentionOption = { kind: 'person'; member: MemberPublic } | { kind: 'room' };

interface PickerArgs {
  value: string;
  setValue: (next: string) => void;
  input: RefObject<HTMLTextAreaElement | null>;
  canCallRoom: boolean;
}

function matches(member: MemberPublic, query: string): boolean {
  const needle = query.toLowerCase();
  return member.username.includes(needle) || member.display_name.toLowerCase().includes(needle);
}

/**
 * The `@` autocomplete of a composer: the room's members matching what follows the `@`
 * before the caret (and "room" for those who may call it), picked with ↑/↓ and Enter or
 * Tab, or a tap. `encode` turns the typed @usernames into stored mentions on send.
 */
export function useMentionPicker({ value, setValue, input, canCallRoom }: PickerArgs) {
  const { members, myId } = useMentionDirectory();
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // People picked here stay mentionable even if the member list is refetched meanwhile.
  const picked = useRef(new Map<string, Mentionable>());

  const query = mentionQueryAt(value, caret);
  const options = useMemo((): MentionOption[] => {
    if (!query || query.start === dismissedAt) return [];
    const people = (members ?? [])
      .filter((member) => member.user_id !== myId && matches(member, query.query))
      .slice(0, SHOWN)
      .map((member): MentionOption => ({ kind: 'person', member }));
    const room = canCallRoom && ROOM_WORD.startsWith(query.query.toLowerCase()) ? [{ kind: 'room' } as const] : [];
    return [...people, ...room];
  }, [query, dismissedAt, members, myId, canCallRoom]);
  const open = options.length > 0;
  const highlighted = Math.min(active, options.length - 1);

  const pick = (option: MentionOption) => {
    if (!query) return;
    const word = option.kind === 'room' ? ROOM_WORD : option.member.username;
    if (option.kind === 'person') picked.current.set(word, { id: option.member.user_id, username: word });
    const before = value.slice(0, query.start);
    const after = value.slice(caret);
    const inserted = `@${word} `;
    setValue(before + inserted + after);
    const next = before.length + inserted.length;
    setCaret(next);
    setActive(0);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next, next);
    });
  };

  /** Handles the key when the list is open (returns true), else leaves it to the composer. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((highlighted + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const option = options[highlighted];
      if (option) pick(option);
    } else if (event.key === 'Escape') {
      setDismissedAt(query?.start ?? null);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  const encode = (body: string): string => {
    const people: Mentionable[] = [
      ...(members ?? []).map((member) => ({ id: member.user_id, username: member.username })),
      ...picked.current.values(),
    ];
    return encodeMentions(body, people, canCallRoom);
  };

  return {
    open,
    options,
    highlighted,
    pick,
    onKeyDown,
    encode,
    /** Call from the textarea's onChange / onSelect / onClick so the picker follows the caret. */
    track: (element: HTMLTextAreaElement) => setCaret(element.selectionStart),
  };
}
