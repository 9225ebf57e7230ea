/**
 * The service worker's copy of API answers (src/sw.ts), for opening the app offline. It
 * belongs to whoever is signed in: every sign-out and sign-in empties it, so nobody ever
 * sees another account's rooms. Imported by the worker too, hence no other imports here.
 */

export const API_CACHE = 'parley-api';

/** GET /api/... paths kept for offline use: what the first screens read, not files or admin. */
export function isOfflineReadable(pathname: string): boolean {
  if (!pathname.startsWith('/api/')) return false;
  // Upload bodies are large and fetched as blobs; admin pages and operations are online-only.
  return !/^\/api\/(uploads|admin|auth|health|docs|openapi\.json|protocol\.json)(\/|$)/.test(pathname);
}

export async function clearOfflineApiCache(): Promise<void> {
  if (typeof caches === 'undefined') return; // no Cache API (insecure origin, tests)
  try {
    await caches.delete(API_CACHE);
  } catch {
    // Storage refused (private mode): then nothing was cached either.
  }
}
