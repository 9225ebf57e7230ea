import type { ClientConfig } from '../../api';

export type PreflightResult = { ok: true } | { ok: false; reason: 'type' | 'size' | 'empty' };

/** What a browser may leave out: it reports "" for extensions it does not know. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  mov: 'video/quicktime',
  mp4: 'video/mp4',
  exe: 'application/x-msdownload',
};

/** Aliases browsers use for types the server names differently. */
function normalise(mime: string): string {
  const lower = mime.toLowerCase().split(';')[0]?.trim() ?? '';
  if (lower === 'image/jpg' || lower === 'image/pjpeg') return 'image/jpeg';
  if (lower === 'application/x-zip-compressed' || lower === 'application/x-zip') return 'application/zip';
  // The server decides from the bytes, and any plain text (.md, .csv, .log) reads as text/plain.
  if (lower.startsWith('text/')) return 'text/plain';
  return lower;
}

/** The file's type as the browser reports it, else guessed from its extension; "" if unknown. */
export function guessMime(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return normalise(file.type);
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
  return normalise(BY_EXTENSION[extension] ?? '');
}

/**
 * The server's limits checked before a byte is sent, so a file it would refuse fails at
 * once with a reason instead of after a long upload. A type we cannot tell is let
 * through: the server reads the bytes and has the last word.
 */
export function checkFile(file: Pick<File, 'name' | 'type' | 'size'>, config: ClientConfig): PreflightResult {
  const mime = guessMime(file);
  if (mime !== '' && !config.allowed_upload_types.includes(mime)) return { ok: false, reason: 'type' };
  if (file.size > config.max_upload_bytes) return { ok: false, reason: 'size' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  return { ok: true };
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "25 MB", "812 KB" — binary multiples, as the server counts its limit (25 × 1024²). */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Intl spells bytes out ("300 byte"); everyone reads "B".
  if (unit === 0) return `${new Intl.NumberFormat(language).format(value)} B`;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

export const isImageMime = (mime: string): boolean => mime.startsWith('image/');
