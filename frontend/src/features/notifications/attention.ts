import { thisTab } from '../../realtime/tabs';

/**
 * Which tab of this browser shows notifications, and what the person is looking at.
 *
 * Every tab has its own socket and hears every message, so exactly one of them (the
 * holder of a Web Lock, taken over by another tab when it closes) shows notifications.
 * It must also stay quiet about the room open in whichever tab is visible and focused,
 * so the tabs tell each other (BroadcastChannel) which room they show and whether they
 * have the person's attention. Without Web Locks every tab counts as the one.
 */
interface View {
  tab: string;
  room: number | null;
  attentive: boolean;
}

type Note = { type: 'view'; view: View } | { type: 'hello' } | { type: 'gone'; tab: string };

const LOCK = 'parley-notifier';
const CHANNEL = 'parley-attention';

export interface Attention {
  isLeader(): boolean;
  /** The room open in a visible, focused tab (this or another), if any. */
  watchedRoom(): number | null;
  /** The room this tab shows now (null: none). */
  setRoom(roomId: number | null): void;
}

function attentive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

function createAttention(): Attention {
  const registry = thisTab();
  const tab = registry?.id ?? crypto.randomUUID();
  let leader = registry === null;
  if (registry) {
    void registry.exclusive(LOCK, () => {
      leader = true;
      // Held until the page goes away; the browser then hands it to a waiting tab.
      return new Promise<never>(() => undefined);
    });
  }
  const mine: View = { tab, room: null, attentive: attentive() };
  const others = new Map<string, View>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const post = (note: Note) => channel?.postMessage(note);
  const announce = () => post({ type: 'view', view: { ...mine } });
  if (channel) {
    channel.onmessage = (event: MessageEvent<Note>) => {
      const note = event.data;
      if (note.type === 'view') others.set(note.view.tab, note.view);
      else if (note.type === 'gone') others.delete(note.tab);
      else announce();
    };
  }
  const refresh = () => {
    const now = attentive();
    if (now === mine.attentive) return;
    mine.attentive = now;
    announce();
  };
  window.addEventListener('focus', refresh);
  window.addEventListener('blur', refresh);
  document.addEventListener('visibilitychange', refresh);
  window.addEventListener('pagehide', () => post({ type: 'gone', tab }));
  post({ type: 'hello' });
  announce();
  return {
    isLeader: () => leader,
    watchedRoom() {
      mine.attentive = attentive();
      if (mine.attentive) return mine.room;
      for (const view of others.values()) if (view.attentive) return view.room;
      return null;
    },
    setRoom(roomId) {
      if (mine.room === roomId) return;
      mine.room = roomId;
      announce();
    },
  };
}

let shared: Attention | null = null;

/** This page's one coordinator (created on first use, never on import). */
export function attention(): Attention {
  shared ??= createAttention();
  return shared;
}
