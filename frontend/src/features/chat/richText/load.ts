import type { ComponentType } from 'react';

import PlainText from './PlainText';

type Renderer = { default: ComponentType<{ source: string }> };

let loading: Promise<Renderer> | undefined;

/**
 * The Markdown renderer is a chunk of its own: the sign-in page and the room list never
 * need it. One download per page; should it fail (say, a deploy replaced the chunk), the
 * bodies stay plain text rather than break the room, and a later mount tries again.
 */
export function loadRichText(): Promise<Renderer> {
  loading ??= import('./RichText').catch(() => {
    loading = undefined;
    return { default: PlainText };
  });
  return loading;
}

/** Started when a room opens, so the chunk arrives alongside the history page. */
export function preloadRichText(): void {
  void loadRichText();
}
