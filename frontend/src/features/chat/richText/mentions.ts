import type { PhrasingContent } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';

type Tree = Parameters<typeof findAndReplace>[0];

/**
 * A remark plugin: stored mentions (`<@12>`, `<!room>`; raw HTML is off, so they reach
 * here as text) become `span.mention` nodes that RichText renders with the person's
 * current name. Code spans and blocks keep them as typed.
 *
 * The node is of its own type, not text: find-and-replace merges adjacent text nodes,
 * which would drop the span. mdast-util-to-hast makes an element of an unknown node,
 * named and filled by its `data`.
 */
export function remarkMentions() {
  return (tree: Tree): void => {
    findAndReplace(tree, [
      [
        /<@([1-9]\d{0,18})>|<!room>/g,
        (token: string, id: string | undefined) =>
          ({
            type: 'mention',
            data: {
              hName: 'span',
              hProperties: { className: ['mention'], dataMention: id ?? 'room' },
              hChildren: [{ type: 'text', value: token }],
            },
          }) as unknown as PhrasingContent,
      ],
    ]);
  };
}
