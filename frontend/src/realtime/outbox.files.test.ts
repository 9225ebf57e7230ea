import { Blob as NodeBlob } from 'node:buffer';

import { UploadError, type UploadPublic } from '../api';
import { type FileUploader, Outbox, UPLOAD_RETRY_MS } from './outbox';
import type { StoredFile, StoredSend } from './outboxStorage';
import type { ClientFrame } from './protocol';
import { RoomStore } from './store';

// What IndexedDB gives back for a kept file: a real Blob (jsdom's own cannot be cloned).
const kept = (name: string, bytes = 'png!'): StoredFile => ({
  name,
  type: 'image/png',
  blob: new NodeBlob([bytes], { type: 'image/png' }) as unknown as Blob,
});

const uploaded = (id: string): UploadPublic => ({
  id,
  room_id: 7,
  uploader_id: 1,
  message_id: null,
  name: `${id}.png`,
  size: 4,
  mime: 'image/png',
  status: 'processing',
  failure_reason: null,
  width: null,
  height: null,
  has_thumbnail: false,
  created_at: '2026-11-23T20:00:00Z',
});

function setup(upload: FileUploader | null) {
  const store = new RoomStore();
  const sent: ClientFrame[] = [];
  const saved: StoredSend[][] = [];
  const outbox = new Outbox(
    store,
    (frame) => {
      sent.push(frame);
      return true;
    },
    () => true,
    upload,
  );
  outbox.hold();
  const restore = (entries: StoredSend[]) => {
    outbox.restore(entries, (list) => saved.push(list));
    outbox.flush();
  };
  const sends = () => sent.flatMap((frame) => (frame.type === 'send' ? [frame] : []));
  return { store, outbox, restore, sends, saved };
}

describe('the outbox with files that had not gone up', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('uploads a restored message’s files, then sends it once with its client_id; later ones wait', async () => {
    const names: string[] = [];
    const upload = vi.fn<FileUploader>((_roomId, file) => {
      names.push(file.name);
      return Promise.resolve(uploaded(`up-${file.name}`));
    });
    const { store, restore, sends, saved } = setup(upload);
    restore([
      { roomId: 7, clientId: 'c-photo', body: 'look', queuedAt: 1, files: [kept('a.png'), kept('b.png')] },
      { roomId: 7, clientId: 'c-after', body: 'and then', queuedAt: 2 },
    ]);
    // Shown at once, with its files counted, before anything is sent.
    expect(store.get(7).pending.map((entry) => [entry.clientId, entry.files])).toEqual([
      ['c-photo', ['a.png', 'b.png']],
      ['c-after', undefined],
    ]);
    expect(sends()).toEqual([]);

    await vi.runAllTimersAsync();
    expect(names).toEqual(['a.png', 'b.png']);
    expect(upload.mock.calls[0]?.[1]).toMatchObject({ name: 'a.png', type: 'image/png' });
    expect(sends().map((frame) => [frame.client_id, frame.attachments])).toEqual([
      ['c-photo', ['up-a.png', 'up-b.png']],
      ['c-after', undefined],
    ]);
    // Stored without the bytes now: a page closed from here on does not upload them again.
    expect(saved.at(-1)?.[0]).toMatchObject({ clientId: 'c-photo', attachments: ['up-a.png', 'up-b.png'] });
    expect(saved.at(-1)?.[0]?.files).toBeUndefined();
  });

  it('does not upload again a file that went up before the page closed', async () => {
    const upload = vi.fn<FileUploader>(() => Promise.resolve(uploaded('up-b')));
    const { restore, sends } = setup(upload);
    restore([
      {
        roomId: 7,
        clientId: 'c-1',
        body: 'two',
        queuedAt: 1,
        files: [{ name: 'a.png', type: 'image/png', uploadId: 'up-a' }, kept('b.png')],
      },
    ]);
    await vi.runAllTimersAsync();
    expect(upload).toHaveBeenCalledOnce();
    expect(sends()[0]?.attachments).toEqual(['up-a', 'up-b']);
  });

  it('tries an upload again while offline, and fails visibly when the server refuses the file', async () => {
    const upload = vi
      .fn<FileUploader>()
      .mockRejectedValueOnce(new UploadError('network', 0))
      .mockResolvedValueOnce(uploaded('up-1'))
      .mockRejectedValueOnce(new UploadError('unsupportedType', 415));
    const { store, restore, sends } = setup(upload);
    restore([{ roomId: 7, clientId: 'c-1', body: 'x', queuedAt: 1, files: [kept('a.png')] }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(upload).toHaveBeenCalledOnce();
    expect(store.get(7).pending[0]?.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(UPLOAD_RETRY_MS + 10);
    expect(sends().map((frame) => frame.attachments)).toEqual([['up-1']]);

    restore([{ roomId: 7, clientId: 'c-2', body: 'y', queuedAt: 2, files: [kept('b.gif')] }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.get(7).pending.find((entry) => entry.clientId === 'c-2')).toMatchObject({
      status: 'failed',
      error: 'upload_refused',
    });
  });

  it('keeps the text of a message whose files the browser did not keep, and sends it alone on Retry', async () => {
    const upload = vi.fn<FileUploader>();
    const { store, outbox, restore, sends } = setup(upload);
    restore([
      // sessionStorage kept only the name; a store that could not clone the Blob gave back {}.
      { roomId: 7, clientId: 'c-1', body: 'my cat', queuedAt: 1, lostFiles: ['cat.png'] },
      { roomId: 7, clientId: 'c-2', body: 'my dog', queuedAt: 2, files: [{ name: 'dog.png', type: 'image/png', blob: {} as Blob }] },
    ]);
    await vi.runAllTimersAsync();
    expect(upload).not.toHaveBeenCalled();
    expect(sends()).toEqual([]);
    expect(store.get(7).pending.map(({ clientId, status, error, lostFiles }) => ({ clientId, status, error, lostFiles }))).toEqual([
      { clientId: 'c-1', status: 'failed', error: 'attachment_lost', lostFiles: ['cat.png'] },
      { clientId: 'c-2', status: 'failed', error: 'attachment_lost', lostFiles: ['dog.png'] },
    ]);
    outbox.retry(7, 'c-1');
    outbox.flush();
    await vi.runAllTimersAsync();
    expect(sends().map((frame) => [frame.client_id, frame.body, frame.attachments])).toEqual([['c-1', 'my cat', undefined]]);
  });

  it('stores the composer’s held message with its files, unseen and unsent, until it is sent under that id', () => {
    const { store, outbox, restore, sends, saved } = setup(null);
    restore([]);
    const file = kept('cat.png');
    outbox.holdForFiles(7, 'c-held', 'my cat', null, [file]);
    expect(store.get(7).pending).toEqual([]);
    expect(outbox.hasUnsent()).toBe(false);
    outbox.flush();
    expect(sends()).toEqual([]);
    expect(saved.at(-1)).toEqual([expect.objectContaining({ clientId: 'c-held', body: 'my cat', files: [file] })]);

    outbox.add(7, 'c-held', 'my cat', ['up-1']);
    outbox.flush();
    expect(sends().map((frame) => [frame.client_id, frame.attachments])).toEqual([['c-held', ['up-1']]]);
    expect(saved.at(-1)?.[0]?.files).toBeUndefined();
    // Late calls from the composer change nothing now that it is on its way.
    outbox.holdForFiles(7, 'c-held', 'my cat', null, [file]);
    outbox.releaseHeld('c-held');
    expect(store.get(7).pending.map((entry) => entry.clientId)).toEqual(['c-held']);
  });

  it('forgets a held message the composer gives back', () => {
    const { outbox, restore, saved } = setup(null);
    restore([]);
    outbox.holdForFiles(7, 'c-held', 'oops', null, [kept('a.png')]);
    outbox.releaseHeld('c-held');
    expect(saved.at(-1)).toEqual([]);
  });
});
