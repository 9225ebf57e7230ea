import { RealtimeClient } from './client';
import { unreadCount, unreadMentions } from './roomState';
import { type ClientFrame, MAX_JOIN_ROOMS, type ServerFrame } from './protocol';
import { testUser } from '../test/people';
import { joinedRooms } from './testJoins';
import protocol from '../../protocol.json';

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

function connected(...rooms: number[]) {
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
  for (const room of rooms) client.track(room);
  client.start();
  socket.readyState = 1;
  socket.onopen?.();
  socket.receive({ type: 'ready', user: testUser(1) });
  return { client, socket };
}

const joins = (socket: FakeSocket, room: number) => joinedRooms(socket.sent).filter((join) => join.room === room).length;

describe('RealtimeClient keeps the room the server says it is', () => {
  beforeEach(() => {
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('resumes every followed room in one join_rooms frame and matches a refusal inside it to its room', () => {
    const { client, socket } = connected(7, 8, 9);
    expect(socket.sent.filter((frame) => frame.type === 'join_rooms')).toEqual([
      { type: 'join_rooms', rooms: [{ room: 7 }, { room: 8 }, { room: 9 }] },
    ]);
    socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
    socket.receive({ type: 'error', code: 'kicked', detail: 'You were kicked', ref: 'join', reason: null });
    socket.receive({ type: 'joined', room: 9, last_seq: 0, last_change_seq: 0, online: [1] });
    expect(client.store.get(8).standing.removed).toBe('kicked');
    expect(client.store.get(7).standing.removed).toBeNull();
    expect(client.store.get(9).standing.removed).toBeNull();
  });

  it('splits a reconnect over more rooms than one frame may carry', () => {
    const rooms = Array.from({ length: MAX_JOIN_ROOMS + 2 }, (_, index) => index + 1);
    const { socket } = connected(...rooms);
    const frames = socket.sent.filter((frame) => frame.type === 'join_rooms');
    expect(frames.map((frame) => frame.rooms.length)).toEqual([MAX_JOIN_ROOMS, 2]);
    expect(joinedRooms(socket.sent).map((join) => join.room)).toEqual(rooms);
  });

  it('keeps MAX_JOIN_ROOMS equal to the catalogue\'s limit', () => {
    expect(protocol.$defs.JoinRoomsFrame.properties.rooms.maxItems).toBe(MAX_JOIN_ROOMS);
  });

  it('matches a refused join to its room, in order, and joins again once let back in', () => {
    const { client, socket } = connected(7, 8);
    socket.receive({ type: 'error', code: 'banned', detail: 'You are banned from this room', ref: 'join', reason: 'spam' });
    socket.receive({ type: 'joined', room: 8, last_seq: 0, last_change_seq: 0, online: [1] });
    expect(client.store.get(7).standing).toMatchObject({ removed: 'banned', reason: 'spam' });
    expect(client.store.get(8).standing.removed).toBeNull();

    socket.receive({ type: 'member', room: 7, user_id: 1, action: 'unbanned', reason: '', until: null });
    expect(joins(socket, 7)).toBe(2);
    expect(client.store.get(7).standing.removed).toBeNull();
  });

  it('marks a room gone when it is deleted or the server says there is none', () => {
    const { client, socket } = connected(7, 8);
    socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
    client.send(8, 'into the void');
    socket.receive({ type: 'error', code: 'not_found', detail: 'Room not found', ref: 'join', reason: null });
    expect(client.store.get(8).gone).toBe(true);
    // A send waiting for that room fails visibly instead of waiting for ever.
    expect(client.store.get(8).pending).toMatchObject([{ status: 'failed', error: 'not_found' }]);
    socket.receive({
      type: 'room',
      room: 7,
      action: 'deleted',
      data: {
        id: 7,
        name: 'gone',
        topic: '',
        is_private: false,
        kind: 'room',
        locked: false,
        created_by: 1,
        created_at: '2026-11-23T14:00:00Z',
        last_seq: 0,
        last_change_seq: 0,
        slow_mode_seconds: 0,
        member_count: 1,
      },
    });
    expect(client.store.get(7).gone).toBe(true);
  });

  it('forgets a ban it inferred once the server lets the room be followed again', () => {
    const { client, socket } = connected(7);
    socket.receive({ type: 'error', code: 'banned', detail: 'You are banned from this room', ref: 'join', reason: 'x' });
    expect(client.store.get(7).standing.removed).toBe('banned');
    socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
    expect(client.store.get(7).standing.removed).toBeNull();
  });

  it('takes a member who leaves out of the online set', () => {
    const { client, socket } = connected(7);
    socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1, 2] });
    socket.receive({ type: 'presence', online: [3], offline: [] });
    expect([...client.store.get(7).online]).toEqual([1, 2, 3]);
    socket.receive({ type: 'member', room: 7, user_id: 2, action: 'left', reason: '', until: null });
    expect([...client.store.get(7).online]).toEqual([1, 3]);
  });

  it('applies a presence frame that announces several arrivals and departures at once', () => {
    const { client, socket } = connected(7, 8);
    socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1, 2] });
    socket.receive({ type: 'joined', room: 8, last_seq: 0, last_change_seq: 0, online: [1, 5] });
    socket.receive({ type: 'presence', online: [3, 4], offline: [2, 5] });
    expect([...client.store.get(7).online].sort()).toEqual([1, 3, 4]);
    expect([...client.store.get(8).online].sort()).toEqual([1, 3, 4]);
  });

  it('keeps a refused send, failed with its reason, across a reload of the tab', async () => {
    // The stored outbox opens asynchronously after `ready`.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const first = connected(7);
    await settle();
    first.socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
    first.client.send(7, 'too soon');
    const { clientId } = first.client.store.get(7).pending[0]!;
    first.socket.receive({ type: 'error', code: 'slow_mode', detail: 'Slow mode: wait 30 s', ref: clientId, reason: null });
    first.client.stop();

    const second = connected(7);
    await settle();
    second.socket.receive({ type: 'joined', room: 7, last_seq: 0, last_change_seq: 0, online: [1] });
    expect(second.client.store.get(7).pending).toMatchObject([{ clientId, status: 'failed', error: 'slow_mode' }]);
    // Not resent by itself: only Retry sends it again.
    expect(second.socket.sent.some((frame) => frame.type === 'send')).toBe(false);
    second.client.discard(7, clientId);
    expect(sessionStorage.length).toBe(0);
  });

  it('clears the unread and mention counts when the room is read on another tab', () => {
    const { client, socket } = connected(7);
    client.seed(7, { lastSeq: 4, lastChangeSeq: 4, lastReadSeq: 1, mentionCount: 1 });
    expect([unreadCount(client.store.get(7)), unreadMentions(client.store.get(7))]).toEqual([3, 1]);

    socket.receive({ type: 'read', room: 7, last_read_seq: 3, unread: 1, mentions: 0 });
    expect([unreadCount(client.store.get(7)), unreadMentions(client.store.get(7))]).toEqual([1, 0]);
    // An older position (a late echo) never moves the marker back.
    socket.receive({ type: 'read', room: 7, last_read_seq: 2, unread: 2, mentions: 0 });
    expect(client.store.get(7).lastReadSeq).toBe(3);
  });
});
