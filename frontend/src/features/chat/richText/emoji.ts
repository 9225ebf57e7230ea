import shortcodes from 'emojibase-data/en/shortcodes/github.json';
import { findAndReplace } from 'mdast-util-find-and-replace';

type Tree = Parameters<typeof findAndReplace>[0];

/**
 * emojibase keys its datasets by code points without the emoji presentation selector
 * (U+FE0F). Characters below the emoji blocks (❤ U+2764, ☺ U+263A, ™ U+2122) draw as
 * plain text without it, so a lone one gets it back; sequences keep theirs in the key.
 */
function toEmoji(hexcode: string): string {
  const points = hexcode.split('-').map((hex) => Number.parseInt(hex, 16));
  const [first] = points;
  if (points.length === 1 && first !== undefined && first < 0x1f000) points.push(0xfe0f);
  return String.fromCodePoint(...points);
}

/** GitHub's shortcodes, the ones people type in chat (:+1:, :tada:, :heart:), from emojibase. */
const byShortcode = new Map<string, string>();
for (const [hexcode, names] of Object.entries(shortcodes)) {
  const emoji = toEmoji(hexcode);
  for (const name of Array.isArray(names) ? names : [names]) byShortcode.set(name, emoji);
}

/** The emoji for `name` ("tada", without colons), if there is one. */
export function emojiFor(name: string): string | undefined {
  return byShortcode.get(name);
}

/**
 * A remark plugin: `:shortcode:` in text becomes its emoji. Only text nodes are searched,
 * so code spans, code blocks and URLs keep their colons; unknown names stay as typed.
 */
export function remarkEmojiShortcodes() {
  return (tree: Tree): void => {
    findAndReplace(tree, [[/:([+\-\w]+):/g, (_match: string, name: string) => emojiFor(name) ?? false]]);
  };
}
