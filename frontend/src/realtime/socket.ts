import { backoffDelay } from './backoff';
import {
  bannedUntilOf,
  CLOSE_FLOODING,
  CLOSE_FORBIDDEN,
  CLOSE_UNAUTHENTICATED,
  type ClientFrame,
  parseFrame,
  type ServerFrame,
} from './protocol';

/**
 * connecting: first attempt, never been online yet · online: authenticated (`ready`)
 * offline: the browser says there is no network · reconnecting: lost it, trying again
 * forbidden: the server closed with 4403 (banned); we do not come back.
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'reconnecting' | 'forbidden';

export const PING_INTERVAL_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
export const FLOOD_PAUSE_MS = 5_000;

export interface SocketDeps {
  url: string;
  getToken: () => string | null;
  /** Refreshes the access token through the app's auth glue; null when signed out. */
  refreshToken: () => Promise<string | null>;
  onReady: (userId: number) => void;
  onFrame: (frame: ServerFrame) => void;
  /** The socket is gone (a new one will follow unless stopped). */
  onDown: () => void;
  createSocket?: (url: string) => WebSocket;
  random?: () => number;
}

/** One WebSocket that authenticates, keeps itself alive and comes back after failures. */
export class ResilientSocket {
  private status: ConnectionStatus = 'connecting';
  private bannedUntil: string | null = null;
  private listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private ready = false;
  private everOnline = false;
  private running = false;
  private attempt = 0;
  private authedToken: string | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private deadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: SocketDeps) {}

  getStatus = (): ConnectionStatus => this.status;

  /** With status `forbidden`: when the site-wide ban ends (null: no end, or not said). */
  getBannedUntil = (): string | null => this.bannedUntil;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onBrowserOnline);
    window.addEventListener('offline', this.onBrowserOffline);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.connect();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.onBrowserOnline);
    window.removeEventListener('offline', this.onBrowserOffline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.clearReconnect();
    this.drop(1000);
  }

  /** Sends on an authenticated socket; false when there is none (the caller keeps it for later). */
  send(frame: ClientFrame): boolean {
    if (!this.ready || !this.socket) return false;
    this.refreshAuth();
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private setStatus(next: ConnectionStatus): void {
    if (next === this.status) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    this.clearReconnect();
    if (!this.running || this.socket) return;
    if (!navigator.onLine) {
      // No network: wait for the `online` event, but keep a slow retry in case the
      // browser's idea of connectivity is wrong.
      this.setStatus('offline');
      this.scheduleReconnect();
      return;
    }
    const token = this.deps.getToken();
    if (token === null) {
      void this.refreshThenReconnect();
      return;
    }
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = (this.deps.createSocket ?? ((url) => new WebSocket(url)))(this.deps.url);
    } catch {
      // A refused constructor (e.g. blocked by policy) is one more failed attempt.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      // The token goes in the first frame, never in the URL (URLs end up in logs).
      this.authedToken = token;
      socket.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame));
    };
    socket.onmessage = (event: MessageEvent) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      this.clearDeadTimer();
      const frame = parseFrame(event.data);
      if (frame) this.receive(frame);
    };
    socket.onclose = (event: CloseEvent) => {
      if (socket === this.socket) this.lost(event.code, event.reason);
    };
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === 'ready') {
      this.ready = true;
      this.everOnline = true;
      this.attempt = 0;
      this.startHeartbeat();
      this.setStatus('online');
      this.deps.onReady(frame.user.id);
      return;
    }
    this.deps.onFrame(frame);
  }

  /** Forgets the current socket; `code` is what we tell the server if it is still open. */
  private drop(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    this.stopHeartbeat();
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(code);
      }
      this.deps.onDown();
    }
  }

  private lost(code: number, reason = ''): void {
    this.drop(1000);
    if (!this.running) return;
    if (code === CLOSE_FORBIDDEN) {
      this.running = false;
      this.bannedUntil = bannedUntilOf(reason);
      this.setStatus('forbidden');
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED) {
      void this.refreshThenReconnect();
      return;
    }
    // 1012 restart, 4408 too slow, 1006 network…: come back with backoff. After 4429
    // (flooding) wait out the server's rate window first, or we would be refused again.
    this.scheduleReconnect(code === CLOSE_FLOODING ? FLOOD_PAUSE_MS : 0);
  }

  private async refreshThenReconnect(): Promise<void> {
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    let token: string | null = null;
    try {
      token = await this.deps.refreshToken();
    } catch {
      // Network trouble while refreshing: treat like any other failure.
    }
    // Signed out: the router takes the user to the login page and unmounts us.
    if (token === null && this.deps.getToken() === null) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(minDelayMs = 0): void {
    if (!this.running) return;
    this.clearReconnect();
    if (!navigator.onLine) this.setStatus('offline');
    else this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    const delay = minDelayMs + backoffDelay(this.attempt, this.deps.random);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    if (!this.running || this.socket) return;
    this.attempt = 0;
    this.connect();
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** A refreshed access token is sent on the open socket so the server keeps it open. */
  private refreshAuth(): void {
    const token = this.deps.getToken();
    if (!this.socket || token === null || token === this.authedToken) return;
    this.authedToken = token;
    this.socket.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame));
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
  }

  private ping(): void {
    if (!this.send({ type: 'ping' })) return;
    // Any frame proves the socket alive; silence means a half-open TCP connection
    // (NAT timeout, a phone that slept) that the browser will not report for minutes.
    if (this.deadTimer === null) {
      this.deadTimer = setTimeout(() => {
        this.deadTimer = null;
        this.lost(1006);
      }, PONG_TIMEOUT_MS);
    }
  }

  private clearDeadTimer(): void {
    if (this.deadTimer !== null) clearTimeout(this.deadTimer);
    this.deadTimer = null;
  }

  private stopHeartbeat(): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.clearDeadTimer();
  }

  private onBrowserOnline = (): void => {
    this.reconnectNow();
  };

  private onBrowserOffline = (): void => {
    // The socket is as good as dead; waiting for TCP to notice would take minutes.
    if (!this.running) return;
    this.drop(1000);
    this.clearReconnect();
    this.setStatus('offline');
    this.scheduleReconnect();
  };

  private onVisibility = (): void => {
    if (document.visibilityState !== 'visible') return;
    // A phone waking up: check the socket we have, or reconnect at once.
    if (this.socket && this.ready) this.ping();
    else this.reconnectNow();
  };
}
