import { Suspense, use, useMemo } from 'react';

import type * as HighlightModule from './highlight';

type Highlighter = typeof HighlightModule;

let loading: Promise<Highlighter> | undefined;

/** One download for the whole page; a failed one (a deploy replaced the chunk) is retried next time. */
function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlight').catch(() => {
    loading = undefined;
    return { highlight: () => null };
  });
  return loading;
}

interface CodeBlockProps {
  code: string;
  /** From the fence (```ts); undefined when none was given. */
  language: string | undefined;
}

/** A fenced code block: plain at once, highlighted once the highlighter has loaded. */
export function CodeBlock({ code, language }: CodeBlockProps) {
  const plain = <code>{code}</code>;
  return (
    // tabIndex: a block wider than the screen scrolls sideways, so keyboards must reach it.
    <pre className="rich-code" tabIndex={0}>
      {language ? (
        <Suspense fallback={plain}>
          <Highlighted code={code} language={language} />
        </Suspense>
      ) : (
        plain
      )}
    </pre>
  );
}

function Highlighted({ code, language }: { code: string; language: string }) {
  const { highlight } = use(loadHighlighter());
  const tokens = useMemo(() => highlight(code, language), [highlight, code, language]);
  return tokens === null ? <code>{code}</code> : <code className="hljs">{tokens}</code>;
}
