import type { ClientConfig } from '../../api';
import { checkFile, formatBytes, guessMime } from './preflight';

const config: ClientConfig = {
  max_upload_bytes: 25 * 1024 * 1024,
  allowed_upload_types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
  max_message_length: 4000,
  send_rate_count: 10,
  send_rate_period_seconds: 5,
};

const file = (name: string, type: string, size: number) => ({ name, type, size });

describe('checkFile', () => {
  it('accepts allowed types within the limit', () => {
    expect(checkFile(file('cat.png', 'image/png', 1234), config)).toEqual({ ok: true });
    expect(checkFile(file('scan.pdf', 'application/pdf', config.max_upload_bytes), config)).toEqual({ ok: true });
  });

  it('refuses a type the server does not allow', () => {
    expect(checkFile(file('photo.heic', 'image/heic', 1000), config)).toEqual({ ok: false, reason: 'type' });
    expect(checkFile(file('setup.exe', 'application/x-msdownload', 1000), config)).toEqual({ ok: false, reason: 'type' });
  });

  it('guesses the type from the extension when the browser reports none', () => {
    expect(checkFile(file('photo.heic', '', 1000), config)).toEqual({ ok: false, reason: 'type' });
    expect(checkFile(file('cat.JPG', '', 1000), config)).toEqual({ ok: true });
    // Unknown to us: the server reads the bytes and decides.
    expect(checkFile(file('mystery', '', 1000), config)).toEqual({ ok: true });
  });

  it('refuses files over the limit by one byte, and empty files', () => {
    expect(checkFile(file('video.png', 'image/png', config.max_upload_bytes + 1), config)).toEqual({
      ok: false,
      reason: 'size',
    });
    expect(checkFile(file('empty.txt', 'text/plain', 0), config)).toEqual({ ok: false, reason: 'empty' });
  });

  it('reports a disallowed type before the size', () => {
    expect(checkFile(file('video.mov', 'video/quicktime', 90 * 1024 * 1024), config)).toEqual({ ok: false, reason: 'type' });
  });

  it('normalises browser aliases', () => {
    expect(guessMime(file('a.jpg', 'image/jpg', 1))).toBe('image/jpeg');
    expect(guessMime(file('notes.md', 'text/markdown', 1))).toBe('text/plain');
  });
});

describe('formatBytes', () => {
  it('uses binary multiples like the server limit', () => {
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(300, 'en')).toBe('300 B');
  });
});
