import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type NavigateFunction, useMatch, useNavigate } from 'react-router';

import type { MemberPublic, RoomPublic, UserPublic } from '../../api';
import { useRealtime } from '../../realtime';
import { currentUserKey } from '../auth';
import { membersKey, personName, roomsKey } from '../rooms';
import { attention } from './attention';
import { shouldNotify } from './decide';
import { getPermission } from './permission';
import { getPrefs } from './prefs';
import { isActive } from './useDesktopNotifications';
import { type Notice, noticeFor, type SnippetWords } from './snippet';
import { settingsOf } from './settings';
import { playChime } from './sound';

const ICON = '/pwa-192x192.png';

/** Names this page already holds: me, the room's members (if listed), a DM's people. */
function namesIn(queryClient: QueryClient, room: RoomPublic) {
  return (id: number): string | undefined => {
    const me = queryClient.getQueryData<UserPublic>(currentUserKey);
    if (me?.id === id) return me.display_name || me.username;
    const member = queryClient.getQueryData<MemberPublic[]>(membersKey(room.id))?.find((m) => m.user_id === id);
    if (member) return personName(member);
    const person = room.direct_with?.find((p) => p.id === id);
    return person ? personName(person) : undefined;
  };
}

/**
 * A page notification; where the constructor is refused (Chrome on Android allows only
 * the service worker's), the worker shows it and its click handler opens the message.
 */
async function show(notice: Notice, navigate: NavigateFunction): Promise<void> {
  const options = { body: notice.body, tag: notice.tag, icon: ICON };
  try {
    const shown = new Notification(notice.title, options);
    shown.onclick = () => {
      window.focus();
      void navigate(notice.url);
      shown.close();
    };
  } catch {
    const worker = await navigator.serviceWorker.getRegistration().catch(() => undefined);
    await worker?.showNotification(notice.title, { ...options, data: { url: notice.url } });
  }
}

/**
 * Calls out live messages as the room's notification settings say, from one tab of the
 * browser only, never about what the person is looking at (attention.ts).
 */
export function useMessageNotifications(): void {
  const client = useRealtime();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const match = useMatch('/rooms/:roomId');
  const openRoom = match ? Number(match.params.roomId) : null;
  useEffect(() => attention().setRoom(openRoom), [openRoom]);

  // Read at each message, so the subscription below never re-subscribes for a new render.
  const latest = useRef({ navigate, t });
  useEffect(() => {
    latest.current = { navigate, t };
  });

  useEffect(
    () =>
      client.onLiveMessage((roomId, message) => {
        const prefs = getPrefs();
        if (!isActive(getPermission(), prefs)) return;
        const coordinator = attention();
        if (!coordinator.isLeader()) return;
        const room = queryClient.getQueryData<RoomPublic[]>(roomsKey)?.find((candidate) => candidate.id === roomId);
        if (!room) return;
        const context = { myId: client.getUserId(), watchedRoom: coordinator.watchedRoom() };
        if (!shouldNotify(message, settingsOf(room), context)) return;
        const { t: translate, navigate: go } = latest.current;
        const words: SnippetWords = {
          roomWord: translate('mentions.room'),
          someone: translate('mentions.someone'),
          attachment: translate('notifications.attachment'),
        };
        void show(noticeFor(room, message, namesIn(queryClient, room), words), go).catch(() => undefined);
        if (prefs.sound) playChime();
      }),
    [client, queryClient],
  );
}
