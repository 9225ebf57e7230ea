import { RealtimeClient } from './client';
import type { ClientFrame, ServerFrame } from './protocol';

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
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function connected() {
  const socket = new FakeSocket();
  const client = new RealtimeClient({
    url: 'ws://test/ws',
    getToken: () => 'token',
    refreshToken: () => Promise.resolve('token'),
    loadLatest: () => Promise.resolve({ messages: [], has_more: false }),
    markRead: () => Promise.resolve({}),
    createSocket: () => socket as unknown as WebSocket,
    random: () => 1,
  });
  client.track(7);
  client.start();
  socket.readyState = 1;
  socket.onopen?.();
  socket.receive({
    type: 'ready',
    user: { id: 1, username: 'me', display_name: 'Me', role: 'user', created_at: '2026-11-23T14:00:00Z' },
  });
  socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
  return { client, socket };
}

describe('RealtimeClient and member frames about me', () => {
  beforeEach(() => vi.stubGlobal('WebSocket', FakeSocket));
  afterEach(() => vi.unstubAllGlobals());

  it('records my ban with the reason, and ignores frames about others', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'member', room: 7, user_id: 2, action: 'banned', reason: 'not me', until: null });
    expect(client.store.get(7).standing.removed).toBeNull();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'banned', reason: 'spam', until: null });
    expect(client.store.get(7).standing).toMatchObject({ removed: 'banned', reason: 'spam' });
    client.stop();
  });

  it('keeps the until of my mute', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'muted', reason: '', until: '2026-11-23T14:05:00Z' });
    expect(client.store.get(7).standing.mutedUntil).toBe('2026-11-23T14:05:00Z');
    client.stop();
  });

  it('joins afresh when the room is followed again after a kick', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'kicked', reason: '', until: null });
    const joinsBefore = socket.sent.filter((frame) => frame.type === 'join').length;
    client.track(7);
    expect(socket.sent.filter((frame) => frame.type === 'join')).toHaveLength(joinsBefore + 1);
    client.stop();
  });

  it('subscribes again by itself when I am let back in while the view is still open', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'kicked', reason: '', until: null });
    const joins = () => socket.sent.filter((frame) => frame.type === 'join').length;
    const before = joins();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'joined', reason: '', until: null });
    expect(joins()).toBe(before + 1);
    // A second copy (room and user channels both carry it) does not join twice.
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'joined', reason: '', until: null });
    expect(joins()).toBe(before + 1);
    expect(client.store.get(7).standing.removed).toBeNull();
    client.stop();
  });
});
