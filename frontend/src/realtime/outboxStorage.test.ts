import { browserOutboxStore } from './outboxDb';
import { loadOutbox, saveOutbox } from './outboxStorage';

const send = (clientId: string) => ({ roomId: 7, clientId, body: 'offline', queuedAt: 1 });

// jsdom has neither IndexedDB nor Web Locks: the browser store must fall back, not to nothing.
describe('the outbox without IndexedDB', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps this tab’s sends in sessionStorage, per user', async () => {
    const store = browserOutboxStore();
    const lease = await store.open(1, () => undefined);
    expect(lease.entries).toEqual([]);
    lease.save([send('c1')]);
    expect(loadOutbox(1)).toEqual([send('c1')]);
    expect(loadOutbox(2)).toEqual([]);
    expect((await browserOutboxStore().open(1, () => undefined)).entries).toEqual([send('c1')]);
  });

  it('clears them on sign-out and writes nothing more for that lease', async () => {
    const store = browserOutboxStore();
    const lease = await store.open(1, () => undefined);
    lease.save([send('c1')]);
    await store.clear();
    lease.save([send('c1'), send('c2')]);
    expect(sessionStorage.length).toBe(0);
  });

  it('ignores what does not look like a stored send', () => {
    saveOutbox(1, [send('c1')]);
    sessionStorage.setItem('parley.outbox.2', JSON.stringify([{ roomId: '7', clientId: 3 }, send('c2')]));
    sessionStorage.setItem('parley.outbox.3', '{not json');
    expect(loadOutbox(2)).toEqual([send('c2')]);
    expect(loadOutbox(3)).toEqual([]);
  });

  it('keeps the text of a message with files, and only the names of the files (no Blobs in JSON)', () => {
    const blob = new Blob(['png!']);
    saveOutbox(1, [{ ...send('c1'), files: [{ name: 'cat.png', type: 'image/png', blob }] }]);
    expect(loadOutbox(1)).toEqual([{ ...send('c1'), lostFiles: ['cat.png'] }]);
  });
});
