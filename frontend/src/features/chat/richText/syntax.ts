import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
// For its typing of the processor's data (micromarkExtensions, fromMarkdownExtensions).
import type {} from 'remark-parse';
import type { Processor } from 'unified';

import { DISABLED_CONSTRUCTS } from './allowList';

/**
 * The chat dialect of Markdown (see allowList.ts): CommonMark with the constructs we do not
 * want switched off in the parser itself, so they stay text, plus two pieces of GFM,
 * ~~strikethrough~~ and bare-URL autolinks. This is how remark-gfm wires GFM, taking only
 * the parts we allow instead of tables, footnotes and task lists.
 */
export function remarkChatSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(
    // Double tildes only: "~5 min or ~10" is an approximation, not a strike.
    gfmStrikethrough({ singleTilde: false }),
    gfmAutolinkLiteral(),
    { disable: { null: DISABLED_CONSTRUCTS } },
  );
  (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown());
}
