/**
 * The /ws frames (docs/protocol.md). The socket is not in the OpenAPI schema, so its
 * shapes are written down here once; the message object is the REST one.
 */
import type { MessagePublic, RoomPublic, UploadPublic } from '../api';

export type WireMessage = MessagePublic;

export type ClientFrame =
  | { type: 'auth'; token: string }
  | { type: 'join'; room: number; since?: number }
  | { type: 'leave'; room: number }
  | { type: 'send'; room: number; client_id: string; body: string; attachments?: string[] }
  | { type: 'typing'; room: number }
  | { type: 'ping' };

export type ServerFrame =
  | { type: 'ready'; user: { id: number; username: string; display_name: string } }
  | { type: 'reauthenticated'; expires_at: string }
  | { type: 'pong' }
  | { type: 'joined'; room: number; last_seq: number; online: number[] }
  | { type: 'left'; room: number }
  | { type: 'reset'; room: number; last_seq: number }
  | { type: 'ack'; client_id: string; duplicate: boolean; message: WireMessage }
  | { type: 'message'; room: number; message: WireMessage }
  | { type: 'message_edited'; room: number; message: WireMessage }
  | { type: 'message_deleted'; room: number; message: WireMessage }
  | { type: 'typing'; room: number; user_id: number; display_name: string }
  | { type: 'presence'; user_id: number; online: boolean }
  | { type: 'member'; room: number; user_id: number; action: string; reason?: string | null; until?: string | null }
  | { type: 'room'; room: number; action: string; data?: Partial<RoomPublic> }
  | { type: 'upload'; room: number; upload: UploadPublic }
  /** `reason`: a ban's, on `banned` refusals. */
  | { type: 'error'; code: string; detail: string; ref?: string | null; reason?: string };

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_FLOODING = 4429;

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
