/**
 * What the service worker does with a push (src/sw.ts), as plain functions it imports.
 * The payload is the server's (backend/parley/jobs/push.py `Push`):
 * `{title, body, room, seq, url, tag}`.
 */
export interface PushPayload {
  title: string;
  body: string;
  room: number;
  seq: number;
  url: string;
  tag: string;
}

export interface PushNotice {
  title: string;
  options: { body: string; tag: string; icon: string; data: { url: string } };
}

export const PUSH_ICON = '/pwa-192x192.png';

/** The payload if it is one (anything else, or a URL off this site, is ignored). */
export function parsePush(data: unknown): PushPayload | null {
  if (typeof data !== 'object' || data === null) return null;
  const { title, body, room, seq, url, tag } = data as Partial<Record<keyof PushPayload, unknown>>;
  if (typeof title !== 'string' || typeof body !== 'string' || typeof url !== 'string' || typeof tag !== 'string') return null;
  if (typeof room !== 'number' || typeof seq !== 'number') return null;
  // Only a path of this app: never an open redirect to another site.
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  return { title, body, room, seq, url, tag };
}

export function pushNotice(payload: PushPayload): PushNotice {
  return {
    title: payload.title,
    options: { body: payload.body, tag: payload.tag, icon: PUSH_ICON, data: { url: payload.url } },
  };
}

export interface WindowLike {
  url: string;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
}

/** A focused window already shows that room: the person is reading it, so no notification. */
export function roomInView(windows: readonly WindowLike[], roomId: number): boolean {
  return windows.some((client) => {
    if (!client.focused || client.visibilityState !== 'visible') return false;
    return new URL(client.url).pathname === `/rooms/${roomId}`;
  });
}

/** Where a clicked notification goes: its data's URL, if one of this app's paths. */
export function clickUrl(data: unknown): string {
  const url = typeof data === 'object' && data !== null ? (data as { url?: unknown }).url : undefined;
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

/** Which window a click takes over: a focused one first, else any. */
export function pickWindow<T extends Pick<WindowLike, 'focused'>>(windows: readonly T[]): T | undefined {
  return windows.find((client) => client.focused) ?? windows[0];
}
