import type { Location } from 'react-router';

export interface AuthRedirectState {
  from?: Pick<Location, 'pathname' | 'search' | 'hash'>;
  accountCreated?: boolean;
}

const AUTH_PAGES = new Set(['/login', '/signup']);

/** Where to go after signing in: the page that sent us to /login, never an auth page. */
export function destinationAfterLogin(state: unknown): string {
  const from = (state as AuthRedirectState | null)?.from;
  if (!from) return '/';
  const { pathname, search, hash } = from;
  // Only same-app paths: a crafted state must not bounce the user to another site.
  if (!pathname.startsWith('/') || pathname.startsWith('//') || AUTH_PAGES.has(pathname)) return '/';
  return `${pathname}${search}${hash}`;
}
