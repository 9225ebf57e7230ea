import { listMessages, markRead, session, uploadFile } from '../api';
import { RealtimeClient } from './client';
import { browserOutboxStore } from './outboxDb';

/** One per page: every client of this tab shares its hold on the stored outbox. */
const outboxStore = browserOutboxStore();

// Unsent messages are the signed-in user's; nobody who signs in next on this browser
// should inherit them. Only a sign-out from a signed-in state counts: failing to reach
// the server at start-up also ends in 'signedOut', and must not throw away what was
// written offline.
let lastStatus = session.getStatus();
session.subscribe(() => {
  const status = session.getStatus();
  if (lastStatus === 'signedIn' && status === 'signedOut') void outboxStore.clear();
  lastStatus = status;
});

/** The production wiring: the app's session for tokens, REST for history pages. */
export function createRealtimeClient(): RealtimeClient {
  return new RealtimeClient({
    url: `${location.origin.replace(/^http/, 'ws')}/ws`,
    getToken: () => session.getToken(),
    refreshToken: () => session.refresh(),
    loadLatest: (roomId) => listMessages(roomId),
    markRead,
    outboxStore,
    uploadFile: (roomId, file) => uploadFile(roomId, file),
  });
}
