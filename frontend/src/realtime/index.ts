export { RealtimeClient, TYPING_THROTTLE_MS } from './client';
export type { HeldFile } from './client';
export { useRealtime } from './context';
export { RealtimeProvider } from './RealtimeProvider';
export { createRealtimeClient } from './create';
export {
  useBannedUntil,
  useConnectionStatus,
  useMentionCount,
  useMentionTotal,
  useOnlineCount,
  usePresence,
  useRoomState,
  useUnreadCount,
  useUnreadTotal,
} from './hooks';
export type { WireMessage } from './protocol';
export { quoteOf } from './quotes';
export type { PendingSend, RoomState, TypingUser } from './roomState';
export type { ConnectionStatus } from './socket';
export type { MyStanding } from './standing';
