import { RealtimeClient } from './client';
import type { ClientFrame, ServerFrame } from './protocol';
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
    user: testUser(1),
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

  it('forgets a revoked room and says why; following it again asks the server afresh', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'revoked', room: 7, reason: 'The room is now private' });
    expect(client.store.get(7).standing).toMatchObject({ removed: 'revoked', reason: 'The room is now private' });
    const joinsBefore = socket.sent.filter((frame) => frame.type === 'join').length;
    client.track(7);
    expect(socket.sent.filter((frame) => frame.type === 'join')).toHaveLength(joinsBefore + 1);
    client.stop();
  });

  it('treats a join refused as kicked like the kick itself, matched to the oldest join waiting', () => {
    const { client, socket } = connected();
    client.track(8);
    client.track(9);
    socket.receive({ type: 'joined', room: 8, last_seq: 0, last_change_seq: 0, online: [] });
    socket.receive({ type: 'error', code: 'kicked', detail: 'Join the room again', ref: 'join', reason: null });
    expect(client.store.get(9).standing.removed).toBe('kicked');
    expect(client.store.get(8).standing.removed).toBeNull();
    // Not subscribed: following the room again sends a new join.
    const joins = () => socket.sent.filter((frame) => frame.type === 'join' && frame.room === 9).length;
    const before = joins();
    client.track(9);
    expect(joins()).toBe(before + 1);
    client.stop();
  });

  it('keeps the reason of the kick frame when a later join is refused as kicked', () => {
    const { client, socket } = connected();
    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'kicked', reason: 'take a break', until: null });
    client.track(7);
    socket.receive({ type: 'error', code: 'kicked', detail: 'Join the room again', ref: 'join', reason: null });
    expect(client.store.get(7).standing).toMatchObject({ removed: 'kicked', reason: 'take a break' });
    client.stop();
  });

  it('does not mistake a refused send for a join', () => {
    const { client, socket } = connected();
    client.track(9);
    socket.receive({ type: 'error', code: 'muted', detail: 'muted', ref: 'c-1', reason: null });
    socket.receive({ type: 'joined', room: 9, last_seq: 0, last_change_seq: 0, online: [] });
    expect(client.store.get(9).standing.removed).toBeNull();
    socket.receive({ type: 'error', code: 'kicked', detail: 'stray', ref: 'join', reason: null });
    expect(client.store.get(9).standing.removed).toBeNull();
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
