/**
 * The code highlighter: its own lazy chunk (CodeBlock imports it on the first fenced block
 * with a language), so rooms without code never download it.
 *
 * A modest set of languages people paste in chat, not highlight.js's 190: each grammar
 * costs bytes. Their aliases come along (js, ts, py, sh, html, yml, ...). Unknown or
 * missing languages stay plain: guessing (highlightAuto) is slow and often wrong.
 */
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import { createElement, type ReactNode } from 'react';

const lowlight = createLowlight({
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});

type Token = ReturnType<typeof lowlight.highlight>['children'][number];

/**
 * lowlight's tree as React elements. It only ever holds <span class="hljs-..."> around pieces
 * of the code as text; anything else is dropped, and text goes through React's escaping.
 */
function toReact(tokens: readonly Token[]): ReactNode[] {
  return tokens.map((token, index) => {
    if (token.type === 'text') return token.value;
    if (token.type !== 'element' || token.tagName !== 'span') return null;
    const classes = token.properties.className;
    const className = Array.isArray(classes) ? classes.join(' ') : undefined;
    return createElement('span', { key: index, className }, ...toReact(token.children));
  });
}

/** `code` as highlighted React elements, or null when `language` is not one we know. */
export function highlight(code: string, language: string): ReactNode {
  const name = language.toLowerCase();
  if (!lowlight.registered(name)) return null;
  return toReact(lowlight.highlight(name, code).children);
}
