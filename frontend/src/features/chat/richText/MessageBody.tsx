import { lazy, memo, Suspense } from 'react';

import { loadRichText } from './load';
import PlainText from './PlainText';

const RichText = lazy(loadRichText);

/** A message's text, rendered as chat Markdown; the plain text until the renderer is here. */
export const MessageBody = memo(function MessageBody({ body }: { body: string }) {
  return (
    <Suspense fallback={<PlainText source={body} />}>
      <RichText source={body} />
    </Suspense>
  );
});
