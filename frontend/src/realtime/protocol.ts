/**
 * The /ws frames (docs/protocol.md). Their types are generated (generated/protocol.ts)
 * from the backend's frame catalogue, frontend/protocol.json; `npm run check:api` fails
 * when they drift apart.
 */
import type { MessagePublic } from '../api';
import { CloseCodes, type ServerFrame } from './generated/protocol';

export type { ClientFrame, CloseCode, ErrorCode, JoinTarget, ServerFrame } from './generated/protocol';

/** A message as REST pages and socket frames both carry it. */
export type WireMessage = MessagePublic;

export const CLOSE_UNAUTHENTICATED = CloseCodes.UNAUTHENTICATED;
export const CLOSE_FORBIDDEN = CloseCodes.FORBIDDEN;
export const CLOSE_FLOODING = CloseCodes.FLOODING;

/**
 * When a site-wide ban ends, from the reason of its 4403 close ("banned until <ISO>: why",
 * written by the server's fanout); null for a ban without end or any other reason.
 */
export function bannedUntilOf(reason: string): string | null {
  const match = /^banned until (\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d))/.exec(reason);
  return match?.[1] ?? null;
}

/** The most rooms one `join_rooms` frame may carry (the catalogue's maxItems; a test keeps them equal). */
export const MAX_JOIN_ROOMS = 500;

/** Parses one text frame; anything that is not an object with a string `type` is dropped. */
export function parseFrame(text: string): ServerFrame | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    if (typeof (value as { type?: unknown }).type !== 'string') return null;
    return value as ServerFrame;
  } catch {
    return null;
  }
}
