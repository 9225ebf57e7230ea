import { listMessages, markRead, session } from '../api';
import { RealtimeClient } from './client';

/** The production wiring: the app's session for tokens, REST for history pages. */
export function createRealtimeClient(): RealtimeClient {
  return new RealtimeClient({
    url: `${location.origin.replace(/^http/, 'ws')}/ws`,
    getToken: () => session.getToken(),
    refreshToken: () => session.refresh(),
    loadLatest: (roomId) => listMessages(roomId),
    markRead,
  });
}
