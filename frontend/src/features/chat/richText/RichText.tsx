import './richText.css';

import { memo } from 'react';
import Markdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import type { PluggableList } from 'unified';

import { SANITIZE_SCHEMA, safeUrl } from './allowList';
import { CodeBlock } from './CodeBlock';
import { Mention } from '../../mentions';
import { remarkEmojiShortcodes } from './emoji';
import { remarkMentions } from './mentions';
import { remarkChatSyntax } from './syntax';

type HastElement = NonNullable<ExtraProps['node']>;

// Module constants, not props built per render: react-markdown rebuilds its processor
// whenever these identities change.
const remarkPlugins: PluggableList = [remarkChatSyntax, remarkEmojiShortcodes, remarkMentions];
// The sanitiser runs last, on the finished tree: nothing added after it would be checked.
const rehypePlugins: PluggableList = [[rehypeSanitize, SANITIZE_SCHEMA]];

function codeOf(pre: HastElement | undefined): { code: string; language: string | undefined } {
  const code = pre?.children.find((child): child is HastElement => child.type === 'element' && child.tagName === 'code');
  const text = (code?.children ?? []).map((child) => (child.type === 'text' ? child.value : '')).join('');
  const classes = code?.properties.className;
  const languageClass = Array.isArray(classes)
    ? classes.find((name): name is string => typeof name === 'string' && name.startsWith('language-'))
    : undefined;
  return {
    // Markdown keeps the newline before the closing fence; the block should not end with an empty line.
    code: text.replace(/\n$/, ''),
    language: languageClass?.slice('language-'.length),
  };
}

const components: Components = {
  // Every link opens outside the app and hands it neither our window nor the page URL.
  // No href means safeUrl refused it: the link's text stays, as text.
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
  // Only mentions survive the sanitiser as spans; anything else is its text.
  span: ({ node, children }) => {
    const target = node?.properties.dataMention;
    return typeof target === 'string' ? <Mention target={target} /> : <>{children}</>;
  },
  pre: ({ node }) => {
    const { code, language } = codeOf(node);
    return <CodeBlock code={code} language={language} />;
  },
};

/**
 * A message body as chat Markdown (allowList.ts says what that is). Memoised on the text:
 * a long room re-renders its list often, and each body is parsed once.
 */
const RichText = memo(function RichText({ source }: { source: string }) {
  return (
    <div className="rich-text">
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        urlTransform={safeUrl}
        components={components}
      >
        {source}
      </Markdown>
    </div>
  );
});

export default RichText;
