import { useEffect, useState } from 'react';

import { fetchAuthedBlob, fetchUploadBlob, type UploadVariant } from '../../api';

interface Entry {
  promise: Promise<string>;
  url: string | null;
  users: number;
  releaseTimer: ReturnType<typeof setTimeout> | null;
}

// Object URLs are shared per key (an upload and variant, an avatar's URL): the same image
// in a message and its lightbox, or a message re-mounted while scrolling, is fetched once.
const cache = new Map<string, Entry>();
// Kept a little after the last user leaves, so a quick re-mount does not refetch.
const RELEASE_AFTER_MS = 30_000;

const PATH = 'path:';

/** What a key names: `path:/api/…` (an avatar), else `uploadId/variant`. */
function load(key: string): Promise<Blob> {
  if (key.startsWith(PATH)) return fetchAuthedBlob(key.slice(PATH.length));
  const [uploadId = '', variant] = key.split('/');
  return fetchUploadBlob(uploadId, variant as UploadVariant);
}

function acquire(key: string): Entry {
  let entry = cache.get(key);
  if (!entry) {
    const created: Entry = { promise: Promise.resolve(''), url: null, users: 0, releaseTimer: null };
    created.promise = load(key).then((blob) => {
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

function release(key: string, entry: Entry): void {
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.releaseTimer = setTimeout(() => {
    if (entry.users > 0) return;
    cache.delete(key);
    if (entry.url) URL.revokeObjectURL(entry.url);
  }, RELEASE_AFTER_MS);
}

export type AuthedUrlState = { status: 'loading' | 'error'; url: null } | { status: 'ready'; url: string };

/**
 * An object URL for an upload's bytes. The files need the bearer token, which <img src>
 * cannot send, so they are fetched here and shown from a blob. Pass null to skip.
 */
export function useAuthedObjectUrl(uploadId: string | null, variant: UploadVariant): AuthedUrlState {
  return useBlobUrl(uploadId === null ? null : `${uploadId}/${variant}`);
}

/**
 * The same for an image the API names by path (a person's `avatar_url`). Such URLs
 * change whenever the picture does, so the browser's cache serves a refetch.
 */
export function useAuthedImageUrl(path: string | null): AuthedUrlState {
  return useBlobUrl(path === null ? null : `${PATH}${path}`);
}

function useBlobUrl(key: string | null): AuthedUrlState {
  const [state, setState] = useState<{ key: string; url: string | null; failed: boolean } | null>(null);

  useEffect(() => {
    if (key === null) return;
    const entry = acquire(key);
    let live = true;
    entry.promise.then(
      (url) => live && setState({ key, url, failed: false }),
      () => live && setState({ key, url: null, failed: true }),
    );
    return () => {
      live = false;
      release(key, entry);
    };
  }, [key]);

  if (state === null || state.key !== key) return { status: 'loading', url: null };
  if (state.url === null) return { status: state.failed ? 'error' : 'loading', url: null };
  return { status: 'ready', url: state.url };
}
