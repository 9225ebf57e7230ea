// The IDB* globals idb checks against; each test still gets an empty database of its own.
import 'fake-indexeddb/auto';

import { Blob as NodeBlob } from 'node:buffer';

import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';

import { FakeLocks } from './fakeLocks';
import { idbOutboxStore } from './outboxDb';
import type { StoredSend } from './outboxStorage';
import { createTabRegistry } from './tabs';

const send = (clientId: string, queuedAt: number, extra: Partial<StoredSend> = {}): StoredSend => ({
  roomId: 7,
  clientId,
  body: `body ${clientId}`,
  queuedAt,
  ...extra,
});

/** A tab of one browser: its own id and lock, the shared database. */
function tab(locks: FakeLocks, id: string) {
  const tabs = createTabRegistry(locks.asLockManager(), id);
  const store = idbOutboxStore(tabs, 'test-outbox');
  return { store, close: () => locks.drop(`parley-tab:${id}`) };
}

const ids = (entries: readonly StoredSend[]) => entries.map((entry) => entry.clientId);
/** Lets every IndexedDB request and lock grant queued so far run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the IndexedDB outbox', () => {
  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a closed tab’s sends, with everything they carry, for the next page in order', async () => {
    const locks = new FakeLocks();
    const first = tab(locks, 'a');
    const lease = await first.store.open(1, () => undefined);
    const quote = {
      id: 812,
      seq: 41,
      snippet: 'Friday?',
      deleted: false,
      author: { id: 2, username: 'bob', display_name: 'Bob', avatar_url: null },
    };
    lease.save([send('c2', 200, { attachments: ['u1'], replyTo: quote }), send('c1', 100, { failed: 'slow_mode' })]);
    await settle();
    first.close();

    const next = await tab(locks, 'b').store.open(1, () => undefined);
    expect(ids(next.entries)).toEqual(['c1', 'c2']);
    expect(next.entries[1]).toEqual(send('c2', 200, { attachments: ['u1'], replyTo: quote }));
    expect(next.entries[0]?.failed).toBe('slow_mode');
  });

  it('removes an entry once the owning tab no longer holds it (acknowledged)', async () => {
    const locks = new FakeLocks();
    const first = tab(locks, 'a');
    const lease = await first.store.open(1, () => undefined);
    lease.save([send('c1', 1), send('c2', 2)]);
    lease.save([send('c2', 2)]);
    await settle();
    first.close();
    expect(ids((await tab(locks, 'b').store.open(1, () => undefined)).entries)).toEqual(['c2']);
  });

  it('never hands one user’s sends to another', async () => {
    const locks = new FakeLocks();
    const first = tab(locks, 'a');
    (await first.store.open(1, () => undefined)).save([send('mine', 1)]);
    await settle();
    first.close();
    const other = tab(locks, 'b');
    expect((await other.store.open(2, () => undefined)).entries).toEqual([]);
    expect(ids((await other.store.open(1, () => undefined)).entries)).toEqual(['mine']);
  });

  it('leaves a live tab’s sends alone, and adopts them once that tab closes', async () => {
    const locks = new FakeLocks();
    const owner = tab(locks, 'a');
    (await owner.store.open(1, () => undefined)).save([send('c1', 1), send('c2', 2)]);
    await settle();

    const adopted: StoredSend[][] = [];
    const other = await tab(locks, 'b').store.open(1, (entries) => adopted.push(entries));
    expect(other.entries).toEqual([]);
    await settle();
    expect(adopted).toEqual([]);

    owner.close();
    await settle();
    expect(adopted.map(ids)).toEqual([['c1', 'c2']]);
  });

  it('gives a closed tab’s sends to only one of two tabs opening at once', async () => {
    const locks = new FakeLocks();
    const gone = tab(locks, 'a');
    (await gone.store.open(1, () => undefined)).save([send('c1', 1), send('c2', 2), send('c3', 3)]);
    await settle();
    gone.close();

    const [left, right] = await Promise.all([
      tab(locks, 'b').store.open(1, () => undefined),
      tab(locks, 'c').store.open(1, () => undefined),
    ]);
    const taken = [ids(left.entries), ids(right.entries)];
    expect(taken).toContainEqual(['c1', 'c2', 'c3']);
    expect(taken).toContainEqual([]);
  });

  it('forgets the signed-in user’s sends on sign-out, and writes nothing for them after', async () => {
    const locks = new FakeLocks();
    const other = tab(locks, 'a');
    (await other.store.open(2, () => undefined)).save([send('theirs', 1)]);
    await settle();
    other.close();

    const here = tab(locks, 'b');
    const lease = await here.store.open(1, () => undefined);
    lease.save([send('c1', 1)]);
    await settle();
    await here.store.clear();
    lease.save([send('c1', 1), send('c2', 2)]);
    await settle();
    here.close();

    const next = tab(locks, 'c').store;
    expect((await next.open(1, () => undefined)).entries).toEqual([]);
    expect(ids((await next.open(2, () => undefined)).entries)).toEqual(['theirs']);
  });

  it('keeps the files a message waits for, as Blobs, for the next page', async () => {
    const locks = new FakeLocks();
    const first = tab(locks, 'a');
    const lease = await first.store.open(1, () => undefined);
    // jsdom's Blob cannot be cloned; Node's can, as a browser's can.
    const blob = new NodeBlob(['png!'], { type: 'image/png' }) as unknown as Blob;
    lease.save([send('c1', 1, { files: [{ name: 'cat.png', type: 'image/png', blob }] })]);
    await settle();
    first.close();

    const [entry] = (await tab(locks, 'b').store.open(1, () => undefined)).entries;
    expect(entry?.files?.[0]).toMatchObject({ name: 'cat.png', type: 'image/png' });
    expect(await entry?.files?.[0]?.blob?.text()).toBe('png!');
    expect(entry?.lostFiles).toBeUndefined();
  });

  it('keeps the text, naming the files to attach again, when the browser refuses to store them', async () => {
    const { put } = IDBObjectStore.prototype as { put: (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey> };
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if ((value as StoredSend).files?.some((file) => file.blob)) throw new DOMException('full', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const locks = new FakeLocks();
    const first = tab(locks, 'a');
    const lease = await first.store.open(1, () => undefined);
    const blob = new NodeBlob(['png!']) as unknown as Blob;
    lease.save([
      send('c1', 1, { files: [{ name: 'cat.png', type: 'image/png', blob }, { name: 'up.png', type: 'image/png', uploadId: 'u9' }] }),
    ]);
    await settle();
    first.close();
    vi.restoreAllMocks();

    const [entry] = (await tab(locks, 'b').store.open(1, () => undefined)).entries;
    expect(entry).toEqual(
      send('c1', 1, { files: [{ name: 'up.png', type: 'image/png', uploadId: 'u9' }], lostFiles: ['cat.png'] }),
    );
  });
});
