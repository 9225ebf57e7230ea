import type { UploadPublic } from '../api';
import type { WireMessage } from './protocol';
import { emptyRoom, roomReducer, type RoomAction, type RoomState } from './roomState';

function upload(status: UploadPublic['status'], extra: Partial<UploadPublic> = {}): UploadPublic {
  return {
    id: 'f'.repeat(32),
    room_id: 7,
    uploader_id: 4,
    message_id: 101,
    name: 'cat.png',
    size: 1234,
    mime: 'image/png',
    status,
    failure_reason: null,
    width: status === 'ready' ? 800 : null,
    height: status === 'ready' ? 600 : null,
    has_thumbnail: status === 'ready',
    created_at: '2026-11-23T20:00:00Z',
    ...extra,
  };
}

function msg(seq: number, attachments: UploadPublic[] = []): WireMessage {
  return {
    id: 100 + seq,
    room_id: 7,
    seq,
    change_seq: seq,
    author: { id: 4, username: 'bob', display_name: 'Bob' },
    body: '',
    client_id: `c-${seq}`,
    created_at: '2026-11-23T20:00:00Z',
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    attachments,
  };
}

const run = (actions: RoomAction[], from: RoomState = emptyRoom): RoomState => actions.reduce(roomReducer, from);
const statusOf = (state: RoomState, seq: number) =>
  state.messages.find((message) => message.seq === seq)?.attachments?.[0]?.status;

describe('roomReducer and upload frames', () => {
  it('moves a message attachment from processing to ready live', () => {
    const state = run([
      { type: 'message', message: msg(1, [upload('processing')]) },
      { type: 'message', message: msg(2) },
      { type: 'upload', upload: upload('ready') },
    ]);
    expect(statusOf(state, 1)).toBe('ready');
    expect(state.messages[0]?.attachments?.[0]).toMatchObject({ width: 800, height: 600, has_thumbnail: true });
    expect(state.uploads['f'.repeat(32)]?.status).toBe('ready');
  });

  it('keeps messages that do not carry the upload untouched', () => {
    const before = run([{ type: 'message', message: msg(1) }]);
    const after = roomReducer(before, { type: 'upload', upload: upload('ready') });
    expect(after.messages).toBe(before.messages);
  });

  it('remembers uploads not yet attached (my composer reads their status)', () => {
    const state = run([
      { type: 'upload', upload: upload('processing', { message_id: null }) },
      { type: 'upload', upload: upload('failed', { message_id: null, failure_reason: 'corrupt' }) },
    ]);
    expect(state.uploads['f'.repeat(32)]).toMatchObject({ status: 'failed', failure_reason: 'corrupt' });
  });

  it('never moves an upload backwards when an older frame or page arrives late', () => {
    const state = run([
      { type: 'upload', upload: upload('ready') },
      { type: 'upload', upload: upload('processing') },
      // The ack carries the message as stored at send time: still processing.
      { type: 'ack', message: msg(1, [upload('processing')]) },
    ]);
    expect(state.uploads['f'.repeat(32)]?.status).toBe('ready');
    expect(statusOf(state, 1)).toBe('ready');

    const paged = roomReducer(state, { type: 'page', messages: [msg(1, [upload('processing')])], hasMore: false, latest: true });
    expect(statusOf(paged, 1)).toBe('ready');
  });

  it('shows a failed upload as failed in the message', () => {
    const state = run([
      { type: 'message', message: msg(1, [upload('processing')]) },
      { type: 'upload', upload: upload('failed', { failure_reason: 'Not a valid image' }) },
    ]);
    expect(statusOf(state, 1)).toBe('failed');
  });

  it('keeps the attachment ids of a queued send so a retry sends them again', () => {
    const state = roomReducer(emptyRoom, { type: 'queued', clientId: 'c-9', body: '', attachments: ['a', 'b'], now: 1 });
    expect(state.pending[0]?.attachments).toEqual(['a', 'b']);
  });
});
