/** What the favicon's badge says: the unread count (capped), red when something names me. */
export interface FaviconBadge {
  text: string;
  mention: boolean;
}

export function faviconBadge(unread: number, mentions: number): FaviconBadge | null {
  if (unread <= 0 && mentions <= 0) return null;
  const count = Math.max(unread, mentions);
  return { text: count > 99 ? '99+' : String(count), mention: mentions > 0 };
}

const SIZE = 64;

/** The plain icon with the badge drawn over its lower right corner, as a PNG data: URL. */
export function drawBadge(icon: CanvasImageSource, badge: FaviconBadge): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(icon, 0, 0, SIZE, SIZE);
  const radius = badge.text.length > 1 ? 22 : 20;
  const width = Math.max(radius * 2, 18 * badge.text.length + 8);
  const x = SIZE - width;
  const y = SIZE - radius * 2;
  context.fillStyle = badge.mention ? '#e03131' : '#212529';
  context.beginPath();
  context.roundRect(x, y, width, radius * 2, radius);
  context.fill();
  context.fillStyle = '#ffffff';
  context.font = `bold ${badge.text.length > 2 ? 26 : 34}px system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(badge.text, x + width / 2, y + radius + 2);
  return canvas.toDataURL('image/png');
}
