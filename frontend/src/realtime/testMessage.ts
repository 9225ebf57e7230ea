// Tests only: a message as the socket delivers it.
import type { WireMessage } from './protocol';

/** A delivered message for tests: Bob's `m<seq>` in room 7, overridable field by field. */
export function wireMessage(seq: number, extra: Partial<WireMessage> = {}): WireMessage {
  return {
    id: 100 + seq,
    room_id: 7,
    seq,
    change_seq: seq,
    author: { id: 4, username: 'bob', display_name: 'Bob' },
    body: `m${seq}`,
    client_id: `c-${seq}`,
    created_at: '2026-11-23T20:00:00Z',
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    ...extra,
  };
}
