import { RealtimeClient } from './client';
import type { OutboxLease, OutboxStore, StoredSend } from './outboxStorage';
import { SendPacer } from './pacer';
import type { ClientFrame, ServerFrame } from './protocol';
import { wireMessage } from './testMessage';
import { testUser } from '../test/people';

// A minimal socket double (client.test.ts has the full one).
class FakeSocket {
  static readonly OPEN = 1;
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  sends() {
    return this.sent.flatMap((frame) => (frame.type === 'send' ? [frame.body] : []));
  }
}

/** A store whose open() answers only when the test says so, as IndexedDB may take a while. */
function slowStore() {
  const opened: { userId: number; answer: (entries: StoredSend[]) => void; adopt: (entries: StoredSend[]) => void }[] = [];
  const saved: StoredSend[][] = [];
  const store: OutboxStore = {
    open: (userId, adopt) =>
      new Promise<OutboxLease>((resolve) => {
        opened.push({
          userId,
          adopt,
          answer: (entries) => resolve({ entries, save: (list) => saved.push(list), close: () => undefined }),
        });
      }),
    clear: () => Promise.resolve(),
  };
  return { store, opened, saved };
}

const me = (id: number) => testUser(id);
const joined: ServerFrame = { type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [] };
const stored = (clientId: string, body: string, queuedAt: number): StoredSend => ({ roomId: 7, clientId, body, queuedAt });
/** My message as the ack carries it (every field the frame has). */
const delivered = (clientId: string) => ({
  ...wireMessage(1, { client_id: clientId }),
  author: { id: 1, username: 'u1', display_name: 'U1', avatar_url: null },
  attachments: [],
  reactions: [],
  reply_to: null,
  mentions: [],
  mentions_room: false,
  pinned_at: null,
  pinned_by: null,
});
const pace = SendPacer.interval(10, 5_000) + 60;

function setup() {
  const sockets: FakeSocket[] = [];
  const { store, opened, saved } = slowStore();
  const client = new RealtimeClient({
    url: 'ws://test/ws',
    getToken: () => 'token',
    refreshToken: () => Promise.resolve('token'),
    loadLatest: () => Promise.resolve({ messages: [], has_more: false }),
    markRead: () => Promise.resolve({}),
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    random: () => 1,
    outboxStore: store,
  });
  client.track(7);
  client.start();
  const connect = (userId: number) => {
    const socket = sockets.at(-1)!;
    socket.open();
    socket.receive({ type: 'ready', user: me(userId) });
    return socket;
  };
  return { client, connect, opened, saved, sockets };
}

const bodies = (client: RealtimeClient) => client.store.get(7).pending.map((entry) => entry.body);

describe('RealtimeClient with a stored outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('holds a send made while the stored ones load, then sends the stored ones first', async () => {
    const { client, connect, opened, saved } = setup();
    const socket = connect(1);
    socket.receive(joined);
    client.send(7, 'typed just now');
    expect(socket.sends()).toEqual([]);
    expect(bodies(client)).toEqual(['typed just now']);

    opened[0]!.answer([stored('old-1', 'written offline', 1_000), stored('old-2', 'and this', 2_000)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies(client)).toEqual(['written offline', 'and this', 'typed just now']);
    // Everything this tab holds is mirrored, the earlier ones with their client_ids.
    expect(saved.at(-1)?.map((entry) => entry.clientId).slice(0, 2)).toEqual(['old-1', 'old-2']);

    await vi.advanceTimersByTimeAsync(pace * 3);
    expect(socket.sends()).toEqual(['written offline', 'and this', 'typed just now']);
    expect(socket.sent.find((frame) => frame.type === 'send')).toMatchObject({ client_id: 'old-1' });
    client.stop();
  });

  it('shows and sends what a tab that closed later had not delivered', async () => {
    const { client, connect, opened } = setup();
    const socket = connect(1);
    socket.receive(joined);
    opened[0]!.answer([]);
    await vi.advanceTimersByTimeAsync(0);

    opened[0]!.adopt([stored('theirs', 'from the closed tab', 5)]);
    expect(bodies(client)).toEqual(['from the closed tab']);
    await vi.advanceTimersByTimeAsync(pace);
    expect(socket.sent.at(-1)).toMatchObject({ type: 'send', client_id: 'theirs' });
    client.stop();
  });

  it('never sends one account’s messages as another signed in on the same page', async () => {
    const { client, connect, opened, sockets } = setup();
    connect(1).receive(joined);
    opened[0]!.answer([]);
    await vi.advanceTimersByTimeAsync(0);
    sockets[0]!.serverClose(1006);
    client.send(7, 'from user 1');

    await vi.advanceTimersByTimeAsync(600);
    const second = connect(2);
    expect(opened.map((open) => open.userId)).toEqual([1, 2]);
    expect(bodies(client)).toEqual([]);
    second.receive(joined);
    opened[1]!.answer([]);
    await vi.advanceTimersByTimeAsync(pace * 2);
    expect(second.sends()).toEqual([]);
    client.stop();
  });

  it('asks before the tab closes only while a message is still on its way', async () => {
    const { client, connect, opened } = setup();
    const socket = connect(1);
    socket.receive(joined);
    opened[0]!.answer([]);
    await vi.advanceTimersByTimeAsync(0);
    const closing = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(closing()).toBe(false);

    client.send(7, 'hello');
    expect(closing()).toBe(true);
    const sent = socket.sent.at(-1) as { client_id: string };
    socket.receive({ type: 'ack', client_id: sent.client_id, duplicate: false, message: delivered(sent.client_id) });
    expect(closing()).toBe(false);

    // A refused one waits for the user, stored: no question about it on every close.
    client.send(7, 'too soon');
    await vi.advanceTimersByTimeAsync(pace);
    const refused = socket.sent.at(-1) as { client_id: string };
    socket.receive({ type: 'error', code: 'slow_mode', detail: 'Slow mode', ref: refused.client_id, reason: null });
    expect(closing()).toBe(false);
    client.stop();
  });
});
