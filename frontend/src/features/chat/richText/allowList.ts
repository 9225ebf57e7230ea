import type { Options as Schema } from 'rehype-sanitize';

/**
 * What a chat message may become. Chat is a stream of short notes, so the Markdown is a
 * subset: what people type inline in a conversation, nothing that takes over the page.
 *
 * Allowed: **bold** / __bold__, *italic* / _italic_, ~~strike~~, `inline code`, fenced
 * code blocks (``` with an optional language, highlighted), > block quotes, - / * / 1.
 * lists, [text](url) and <url> links, bare http(s):// / www. / e-mail addresses (GFM
 * autolink literals), backslash escapes and &entities;, and :shortcode: emoji.
 *
 * Left as the text that was typed (the parser never sees them as syntax):
 * - headings (`# x`, `x\n---`): a message starting with # is a hashtag or a number, not a title;
 * - raw HTML (`<b>`, `<script>`, `<img onerror>`): shown literally, never as markup;
 * - images (`![x](y)`): a message must not load third-party URLs into every reader's
 *   browser (tracking, the CSP); the rest shows as a link;
 * - link reference definitions (`[x]: url`), which would silently vanish;
 * - indented code (4 leading spaces is usually just indentation) and `---` rules.
 * Tables, footnotes and task lists are GFM constructs we never load.
 */
export const DISABLED_CONSTRUCTS = [
  'headingAtx',
  'setextUnderline',
  'htmlFlow',
  'htmlText',
  'labelStartImage',
  'definition',
  'codeIndented',
  'thematicBreak',
];

/** The only URL schemes a link may have; relative URLs are refused too (they would point into the app). */
const SAFE_SCHEME = /^(?:https?:\/\/|mailto:)/i;

/**
 * react-markdown's urlTransform: the URL when it is http(s) or mailto, otherwise null (the
 * link then renders as its text). Control characters and spaces are refused before the
 * test, since browsers strip them ("java\tscript:").
 */
export function safeUrl(url: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u0020\u007f]/.test(url)) return null;
  return SAFE_SCHEME.test(url) ? url : null;
}

/**
 * The sanitiser's allow-list, applied to the HTML tree after Markdown: a second wall should
 * a parser change ever let something else through. Elements not listed are unwrapped to
 * their text; attributes not listed are dropped (so no on* handlers, style, id or class
 * other than a code block's language).
 */
export const SANITIZE_SCHEMA: Schema = {
  tagNames: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span'],
  attributes: {
    a: ['href'],
    code: [['className', /^language-[\w+#.-]+$/]],
    ol: ['start'],
    // Only what remarkMentions makes: the class and whom it names (an id, or the room).
    span: [
      ['className', 'mention'],
      ['dataMention', /^(?:[1-9]\d{0,18}|room)$/],
    ],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  // Every key is given: the sanitiser fills missing ones from GitHub's far wider default.
  ancestors: {},
  required: {},
  strip: ['script', 'style'],
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};
