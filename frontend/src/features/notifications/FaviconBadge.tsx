import { useEffect, useState } from 'react';

import { useMentionTotal, useUnreadTotal } from '../../realtime';
import { isMuted, useMyRooms } from '../rooms';
import { drawBadge, faviconBadge } from './favicon';

const PLAIN = '/favicon.svg';

function iconLink(): HTMLLinkElement | null {
  return document.querySelector<HTMLLinkElement>('link[rel="icon"]');
}

/** Loads the plain icon once, to draw badges over it. */
function usePlainIcon(): HTMLImageElement | null {
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  useEffect(() => {
    const img = new Image();
    img.onload = () => setImage(img);
    img.src = PLAIN;
  }, []);
  return image;
}

/**
 * The tab's icon carries the unread count of my rooms (muted ones left out: they do not
 * call out), red when a message names me; the plain icon when nothing is unread.
 */
export function FaviconBadge() {
  const rooms = (useMyRooms() ?? []).filter((room) => !isMuted(room)).map((room) => room.id);
  const unread = useUnreadTotal(rooms);
  const mentions = useMentionTotal(rooms);
  const icon = usePlainIcon();
  const badge = faviconBadge(unread, mentions);
  const text = badge?.text;
  const mention = badge?.mention;
  useEffect(() => {
    const link = iconLink();
    if (!link) return;
    const drawn = text !== undefined && icon ? drawBadge(icon, { text, mention: mention === true }) : null;
    link.type = drawn ? 'image/png' : 'image/svg+xml';
    link.href = drawn ?? PLAIN;
  }, [icon, text, mention]);
  useEffect(
    () => () => {
      const link = iconLink();
      if (!link) return;
      link.type = 'image/svg+xml';
      link.href = PLAIN;
    },
    [],
  );
  return null;
}
