import { RealtimeClient } from './client';
import type { MessageFrame } from './generated/protocol';
import { SendPacer } from './pacer';
import type { ClientFrame, ServerFrame } from './protocol';
import { testUser } from '../test/people';

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
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
  serverClose(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  types() {
    return this.sent.map((frame) => frame.type);
  }
}

const user = testUser(1, { username: 'alice', display_name: 'Alice' });

/** A message as the server sends it (every field present). */
function message(seq: number, clientId = `c${seq}`): MessageFrame['message'] {
  return {
    id: seq,
    room_id: 7,
    seq,
    change_seq: seq,
    author: { id: 1, username: 'alice', display_name: 'Alice', avatar_url: null },
    body: 'hi',
    client_id: clientId,
    created_at: '2026-11-23T20:00:00Z',
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    attachments: [],
    reactions: [],
    reply_to: null,
    mentions: [],
    mentions_room: false,
    pinned_at: null,
    pinned_by: null,
  };
}

function setup(token: { value: string | null } = { value: 'token-1' }) {
  const sockets: FakeSocket[] = [];
  const refreshToken = vi.fn(() => {
    token.value = 'token-2';
    return Promise.resolve('token-2');
  });
  const loadLatest = vi.fn(() => Promise.resolve({ messages: [message(90), message(91)], has_more: true }));
  const markRead = vi.fn(() => Promise.resolve({}));
  const client = new RealtimeClient({
    url: 'ws://test/ws',
    getToken: () => token.value,
    refreshToken,
    loadLatest,
    markRead,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    random: () => 1,
  });
  // Ready, and the stored outbox (async) opened: sends made before it wait for it.
  const connect = async (socket: FakeSocket | undefined) => {
    socket!.open();
    socket!.receive({ type: 'ready', user });
    await vi.advanceTimersByTimeAsync(0);
  };
  return { client, sockets, refreshToken, loadLatest, markRead, connect, latest: () => sockets.at(-1)! };
}

describe('RealtimeClient', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('authenticates first, then joins followed rooms from their last seq', async () => {
    const { client, sockets, connect } = setup();
    client.seed(7, { lastSeq: 41, lastChangeSeq: 41, lastReadSeq: 40 });
    client.track(7);
    client.start();
    expect(client.socket.getStatus()).toBe('connecting');
    await connect(sockets[0]);
    expect(sockets[0]!.sent).toEqual([
      { type: 'auth', token: 'token-1' },
      { type: 'join_rooms', rooms: [{ room: 7, since: 41 }] },
    ]);
    expect(client.socket.getStatus()).toBe('online');
    client.stop();
  });

  it('resends an unacknowledged message with the same client_id after a reconnect', async () => {
    const { client, sockets, connect, latest } = setup();
    client.seed(7, { lastSeq: 5, lastChangeSeq: 5, lastReadSeq: 5 });
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 5, last_change_seq: 5, online: [1] });
    client.send(7, 'hello');
    const first = sockets[0]!.sent.find((frame) => frame.type === 'send');
    expect(first).toMatchObject({ type: 'send', room: 7, body: 'hello' });
    expect(client.store.get(7).pending).toHaveLength(1);

    sockets[0]!.serverClose(1012);
    expect(client.socket.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(600);
    expect(sockets).toHaveLength(2);
    await connect(latest());
    expect(latest().sent.at(-1)).toEqual({ type: 'join_rooms', rooms: [{ room: 7, since: 5 }] });
    // Nothing is resent before the room's backlog has been replayed.
    expect(latest().types()).not.toContain('send');
    latest().receive({ type: 'joined', room: 7, last_seq: 6, last_change_seq: 6, online: [1] });
    // Still paced: the first attempt counted on the server too.
    vi.advanceTimersByTime(SendPacer.interval(10, 5_000));
    const again = latest().sent.find((frame) => frame.type === 'send');
    expect(again).toEqual(first);

    const clientId = (first as { client_id: string }).client_id;
    latest().receive({ type: 'ack', client_id: clientId, duplicate: true, message: message(6, clientId) });
    latest().receive({ type: 'message', room: 7, message: message(6, clientId) });
    expect(client.store.get(7).pending).toEqual([]);
    expect(client.store.get(7).messages.map((m) => m.seq)).toEqual([6]);
    client.stop();
  });

  it('marks a refused send failed and retries it on demand', async () => {
    const { client, sockets, connect } = setup();
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [] });
    client.send(7, 'x');
    const { client_id } = sockets[0]!.sent.at(-1) as { client_id: string };
    sockets[0]!.receive({ type: 'error', code: 'locked', detail: 'Locked', ref: client_id, reason: null });
    expect(client.store.get(7).pending[0]).toMatchObject({ status: 'failed', error: 'locked' });
    client.retry(7, client_id);
    expect(client.store.get(7).pending[0]).toMatchObject({ status: 'pending' });
    expect(sockets[0]!.sent.at(-1)).toMatchObject({ type: 'send', client_id });
    client.stop();
  });

  it('refreshes the token on 4401 and stops for good on 4403', async () => {
    const { client, sockets, refreshToken, connect, latest } = setup();
    client.start();
    await connect(sockets[0]);
    sockets[0]!.serverClose(4401);
    await vi.advanceTimersByTimeAsync(600);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(latest().sent[0]).toEqual({ type: 'auth', token: 'token-2' });
    latest().receive({ type: 'ready', user });
    latest().serverClose(4403, 'banned');
    expect(client.socket.getStatus()).toBe('forbidden');
    expect(client.socket.getBannedUntil()).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(2);
    client.stop();
  });

  it('keeps when a timed site-wide ban ends, from the 4403 close reason', async () => {
    const { client, sockets, connect } = setup();
    client.start();
    await connect(sockets[0]);
    sockets[0]!.serverClose(4403, 'banned until 2026-12-24T10:00:00+00:00: spam: links');
    expect(client.socket.getStatus()).toBe('forbidden');
    expect(client.socket.getBannedUntil()).toBe('2026-12-24T10:00:00+00:00');
    client.stop();
  });

  it('pings every 25 s and reconnects when nothing comes back within 10 s', async () => {
    const { client, sockets, connect } = setup();
    client.start();
    await connect(sockets[0]);
    vi.advanceTimersByTime(25_000);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'ping' });
    sockets[0]!.receive({ type: 'pong' });
    vi.advanceTimersByTime(25_000);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(client.socket.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(600);
    expect(sockets).toHaveLength(2);
    client.stop();
  });

  it('re-sends the auth frame when the app has refreshed its token', async () => {
    const token = { value: 'token-1' as string | null };
    const { client, sockets, connect } = setup(token);
    client.start();
    await connect(sockets[0]);
    token.value = 'token-9';
    vi.advanceTimersByTime(25_000);
    expect(sockets[0]!.sent.slice(-2)).toEqual([{ type: 'auth', token: 'token-9' }, { type: 'ping' }]);
    client.stop();
  });

  it('sends at most one typing notice per room every 2 s', async () => {
    const { client, sockets, connect } = setup();
    client.start();
    await connect(sockets[0]);
    client.typing(7);
    client.typing(7);
    vi.advanceTimersByTime(1000);
    client.typing(7);
    vi.advanceTimersByTime(1100);
    client.typing(7);
    expect(sockets[0]!.types().filter((type) => type === 'typing')).toHaveLength(2);
    client.stop();
  });

  it('paces a backlog to the server rate limit instead of flooding', async () => {
    const { client, sockets, connect } = setup();
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [] });
    for (let i = 0; i < 15; i += 1) client.send(7, `m${i}`);
    const sends = () => sockets[0]!.types().filter((type) => type === 'send').length;
    // One at once, then one per interval (pacer.test.ts proves the server never refuses that).
    expect(sends()).toBe(1);
    vi.advanceTimersByTime(SendPacer.interval(10, 5_000) * 7);
    expect(sends()).toBeGreaterThanOrEqual(7);
    expect(sends()).toBeLessThan(15);
    vi.advanceTimersByTime(SendPacer.interval(10, 5_000) * 9);
    expect(sends()).toBe(15);
    client.stop();
  });

  it('reloads the latest page over REST once on reset, then carries on live', async () => {
    const { client, sockets, connect, loadLatest } = setup();
    client.seed(7, { lastSeq: 3, lastChangeSeq: 3, lastReadSeq: 3 });
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 91, last_change_seq: 91, online: [] });
    sockets[0]!.receive({ type: 'reset', room: 7, last_seq: 91, last_change_seq: 91 });
    const viewAsks = client.reloadLatest(7);
    await viewAsks;
    expect(loadLatest).toHaveBeenCalledTimes(1);
    sockets[0]!.receive({ type: 'message', room: 7, message: message(92) });
    const state = client.store.get(7);
    expect(state.messages.map((m) => m.seq)).toEqual([90, 91, 92]);
    expect(state.hasMore).toBe(true);
    client.stop();
  });

  it('does not count my own messages as unread', async () => {
    const { client, sockets, connect, markRead } = setup();
    client.seed(7, { lastSeq: 4, lastChangeSeq: 4, lastReadSeq: 4 });
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'message', room: 7, message: message(5) });
    expect(client.store.get(7).lastReadSeq).toBe(5);
    expect(markRead).toHaveBeenCalledWith(7, 5);
    const bob = { ...message(6), author: { id: 2, username: 'bob', display_name: 'Bob', avatar_url: null } };
    sockets[0]!.receive({ type: 'message', room: 7, message: bob });
    sockets[0]!.receive({ type: 'message', room: 7, message: message(7) });
    // Bob's message is still unread, so mine after it does not mark it read.
    expect(client.store.get(7).lastReadSeq).toBe(5);
    client.stop();
  });

  it('does not leave and re-join when a room is released and tracked again at once', async () => {
    const { client, sockets, connect } = setup();
    client.start();
    await connect(sockets[0]);
    const release = client.track(7);
    release();
    const releaseAgain = client.track(7);
    await Promise.resolve();
    expect(sockets[0]!.types().filter((type) => type === 'join' || type === 'leave')).toEqual(['join']);
    releaseAgain();
    releaseAgain();
    await Promise.resolve();
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'leave', room: 7 });
    client.stop();
  });

  it('sends a reply with reply_to and keeps its quote across a reload', async () => {
    const first = setup();
    first.client.track(7);
    first.client.start();
    await first.connect(first.sockets[0]);
    first.sockets[0]!.serverClose(1006);
    const quote = { id: 812, seq: 41, author: { id: 1, username: 'alice', display_name: 'Alice', avatar_url: null }, snippet: 'Friday?', deleted: false };
    first.client.send(7, 'yes', [], quote);
    const { clientId } = first.client.store.get(7).pending[0]!;
    first.client.stop();

    const second = setup();
    second.client.track(7);
    second.client.start();
    await second.connect(second.sockets[0]);
    expect(second.client.store.get(7).pending[0]?.replyTo).toEqual(quote);
    second.sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [] });
    vi.advanceTimersByTime(SendPacer.interval(10, 5_000) + 60);
    expect(second.sockets[0]!.sent.at(-1)).toEqual({ type: 'send', room: 7, client_id: clientId, body: 'yes', reply_to: 812 });
    second.client.stop();
  });

  it('keeps unsent messages across a reload of the tab and sends them with the same client_id', async () => {
    const first = setup();
    first.client.track(7);
    first.client.start();
    await first.connect(first.sockets[0]);
    first.sockets[0]!.serverClose(1006);
    first.client.send(7, 'written offline');
    const { clientId } = first.client.store.get(7).pending[0]!;
    first.client.stop();

    const second = setup();
    second.client.track(7);
    second.client.start();
    await second.connect(second.sockets[0]);
    expect(second.client.store.get(7).pending.map((entry) => entry.body)).toEqual(['written offline']);
    second.sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [] });
    // The earlier page may have sent a moment ago: the first resend waits one interval.
    vi.advanceTimersByTime(SendPacer.interval(10, 5_000) + 60);
    expect(second.sockets[0]!.sent.at(-1)).toEqual({ type: 'send', room: 7, client_id: clientId, body: 'written offline' });
    second.sockets[0]!.receive({ type: 'ack', client_id: clientId, duplicate: false, message: message(1, clientId) });
    expect(sessionStorage.length).toBe(0);
    second.client.stop();
  });
});

describe('RealtimeClient live messages', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('tells live messages apart from the replay after joined, a repeat and a reconnect', async () => {
    const { client, sockets, connect, latest } = setup();
    const live = vi.fn<(roomId: number, seq: number) => void>();
    client.onLiveMessage((roomId, received) => {
      live(roomId, received.seq);
    });
    client.seed(7, { lastSeq: 3, lastChangeSeq: 3, lastReadSeq: 3 });
    client.track(7);
    client.start();
    await connect(sockets[0]);
    sockets[0]!.receive({ type: 'joined', room: 7, last_seq: 5, last_change_seq: 5, online: [] });
    // The backlog missed while away: not news to call out.
    sockets[0]!.receive({ type: 'message', room: 7, message: message(4) });
    sockets[0]!.receive({ type: 'message', room: 7, message: message(5) });
    expect(live).not.toHaveBeenCalled();
    sockets[0]!.receive({ type: 'message', room: 7, message: message(6) });
    sockets[0]!.receive({ type: 'message', room: 7, message: message(6) });
    expect(live.mock.calls).toEqual([[7, 6]]);

    sockets[0]!.serverClose(1012);
    vi.advanceTimersByTime(600);
    await connect(latest());
    // Before the new socket's joined nothing is live; then its replay is not either.
    latest().receive({ type: 'message', room: 7, message: message(7) });
    latest().receive({ type: 'joined', room: 7, last_seq: 8, last_change_seq: 8, online: [] });
    latest().receive({ type: 'message', room: 7, message: message(8) });
    latest().receive({ type: 'message', room: 7, message: message(9) });
    expect(live.mock.calls).toEqual([[7, 6], [7, 9]]);
    client.stop();
  });
});
