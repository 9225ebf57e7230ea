import { createAuthFetch } from './authFetch';
import { session } from './client';
import { ApiError, unwrap } from './errors';
import { configReadConfig, uploadsReadUpload, type ClientConfig, type UploadPublic } from './generated';

/** Why an upload was refused, in words a screen can translate. */
export type UploadErrorKind =
  | 'tooLarge'
  | 'unsupportedType'
  | 'invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'network'
  | 'aborted'
  | 'server';

export class UploadError extends Error {
  readonly kind: UploadErrorKind;
  readonly status: number;

  constructor(kind: UploadErrorKind, status: number, detail?: string | null) {
    super(detail ?? `Upload failed (${kind}, ${status})`);
    this.name = 'UploadError';
    this.kind = kind;
    this.status = status;
  }
}

export function uploadErrorKind(status: number): UploadErrorKind {
  if (status === 0) return 'network';
  if (status === 413) return 'tooLarge';
  if (status === 415) return 'unsupportedType';
  if (status === 422 || status === 400) return 'invalid';
  if (status === 403 || status === 404) return 'forbidden';
  if (status === 401) return 'unauthorized';
  return 'server';
}

export interface UploadOptions {
  /** Called with the share of bytes sent, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface UploaderDeps {
  getToken: () => string | null;
  /** Single-flight refresh; resolves to the new token or null when signed out. */
  refresh: () => Promise<string | null>;
  createXhr?: () => XMLHttpRequest;
  baseUrl?: string;
}

export type Uploader = (roomId: number, file: File, options?: UploadOptions) => Promise<UploadPublic>;

interface Attempt {
  status: number;
  text: string;
}

function detailOf(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const detail = typeof parsed === 'object' && parsed !== null ? (parsed as { detail?: unknown }).detail : null;
    return typeof detail === 'string' ? detail : null;
  } catch {
    return null;
  }
}

/**
 * POST /api/rooms/{id}/uploads over XMLHttpRequest, because fetch cannot report upload
 * progress. Like authFetch, a 401 refreshes the token once and sends the file again.
 */
export function createUploader(deps: UploaderDeps): Uploader {
  const createXhr = deps.createXhr ?? (() => new XMLHttpRequest());
  const baseUrl = deps.baseUrl ?? globalThis.location.origin;

  function attempt(roomId: number, file: File, token: string | null, options: UploadOptions): Promise<Attempt> {
    return new Promise((resolve, reject) => {
      const xhr = createXhr();
      const onAbort = () => xhr.abort();
      xhr.open('POST', `${baseUrl}/api/rooms/${roomId}/uploads`);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
      };
      xhr.onload = () => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ status: xhr.status, text: xhr.responseText });
      };
      xhr.onerror = () => {
        options.signal?.removeEventListener('abort', onAbort);
        reject(new UploadError('network', 0));
      };
      xhr.onabort = () => reject(new UploadError('aborted', 0));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  }

  return async (roomId, file, options = {}) => {
    if (options.signal?.aborted) throw new UploadError('aborted', 0);
    const sentWith = deps.getToken();
    let result = await attempt(roomId, file, sentWith, options);
    if (result.status === 401) {
      // Another request may already have refreshed while this file was on the wire.
      const current = deps.getToken();
      const token = current !== null && current !== sentWith ? current : await deps.refresh();
      if (token === null) throw new UploadError('unauthorized', 401);
      options.onProgress?.(0);
      result = await attempt(roomId, file, token, options);
    }
    if (result.status >= 200 && result.status < 300) {
      options.onProgress?.(1);
      return JSON.parse(result.text) as UploadPublic;
    }
    throw new UploadError(uploadErrorKind(result.status), result.status, detailOf(result.text));
  };
}

export const uploadFile: Uploader = createUploader({
  getToken: () => session.getToken(),
  refresh: () => session.refresh(),
});

export function fetchClientConfig(): Promise<ClientConfig> {
  return unwrap(configReadConfig());
}

export function fetchUpload(uploadId: string): Promise<UploadPublic> {
  return unwrap(uploadsReadUpload({ path: { upload_id: uploadId } }));
}

const authedFetch = createAuthFetch(session);

export type UploadVariant = 'thumbnail' | 'content';

/**
 * The bytes of an upload's thumbnail or content. These need the bearer token, which an
 * <img src> cannot send, so screens turn the blob into an object URL.
 */
export async function fetchUploadBlob(uploadId: string, variant: UploadVariant): Promise<Blob> {
  const url = `${globalThis.location.origin}/api/uploads/${encodeURIComponent(uploadId)}/${variant}`;
  const response = await authedFetch(url);
  if (!response.ok) throw new ApiError({ status: response.status });
  return response.blob();
}
