import { useEffect, useState } from 'react';

import { fetchUploadBlob, type UploadVariant } from '../../api';

interface Entry {
  promise: Promise<string>;
  url: string | null;
  users: number;
  releaseTimer: ReturnType<typeof setTimeout> | null;
}

// Object URLs are shared per upload and variant: the same image in a message and its
// lightbox, or a message re-mounted while scrolling, is fetched once.
const cache = new Map<string, Entry>();
// Kept a little after the last user leaves, so a quick re-mount does not refetch.
const RELEASE_AFTER_MS = 30_000;

function acquire(uploadId: string, variant: UploadVariant): Entry {
  const key = `${uploadId}/${variant}`;
  let entry = cache.get(key);
  if (!entry) {
    const created: Entry = { promise: Promise.resolve(''), url: null, users: 0, releaseTimer: null };
    created.promise = fetchUploadBlob(uploadId, variant).then((blob) => {
      created.url = URL.createObjectURL(blob);
      return created.url;
    });
    // A failed fetch is not cached: the next mount tries again.
    created.promise.catch(() => cache.delete(key));
    cache.set(key, created);
    entry = created;
  }
  if (entry.releaseTimer !== null) clearTimeout(entry.releaseTimer);
  entry.releaseTimer = null;
  entry.users += 1;
  return entry;
}

function release(uploadId: string, variant: UploadVariant, entry: Entry): void {
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.releaseTimer = setTimeout(() => {
    if (entry.users > 0) return;
    cache.delete(`${uploadId}/${variant}`);
    if (entry.url) URL.revokeObjectURL(entry.url);
  }, RELEASE_AFTER_MS);
}

export type AuthedUrlState = { status: 'loading' | 'error'; url: null } | { status: 'ready'; url: string };

/**
 * An object URL for an upload's bytes. The files need the bearer token, which <img src>
 * cannot send, so they are fetched here and shown from a blob. Pass null to skip.
 */
export function useAuthedObjectUrl(uploadId: string | null, variant: UploadVariant): AuthedUrlState {
  const [state, setState] = useState<{ key: string; url: string | null; failed: boolean } | null>(null);
  const key = uploadId === null ? null : `${uploadId}/${variant}`;

  useEffect(() => {
    if (uploadId === null) return;
    const entry = acquire(uploadId, variant);
    let live = true;
    const current = `${uploadId}/${variant}`;
    entry.promise.then(
      (url) => live && setState({ key: current, url, failed: false }),
      () => live && setState({ key: current, url: null, failed: true }),
    );
    return () => {
      live = false;
      release(uploadId, variant, entry);
    };
  }, [uploadId, variant]);

  if (state === null || state.key !== key) return { status: 'loading', url: null };
  if (state.url === null) return { status: state.failed ? 'error' : 'loading', url: null };
  return { status: 'ready', url: state.url };
}
