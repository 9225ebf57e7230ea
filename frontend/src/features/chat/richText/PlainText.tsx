import { memo } from 'react';

/** The body exactly as typed: while the renderer loads, or if its chunk cannot be fetched. */
const PlainText = memo(function PlainText({ source }: { source: string }) {
  return <div className="rich-text rich-text--plain">{source}</div>;
});

export default PlainText;
