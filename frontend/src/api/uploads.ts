import { createAuthFetch } from './authFetch';
import { session } from './client';
import { ApiError, unwrap } from './errors';
import { configReadConfig, uploadsReadUpload, type ClientConfig, type UploadPublic, type UserPublic } from './generated';

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

/** Where a file goes: the room uploads, or my avatar. */
interface Target {
  method: 'POST' | 'PUT';
  path: string;
}

/** Sends one file as multipart `file` and answers with the parsed JSON body. */
export type FileSender = <T>(target: Target, file: File, options?: UploadOptions) => Promise<T>;

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
 * A file sent over XMLHttpRequest, because fetch cannot report upload progress. Like
 * authFetch, a 401 refreshes the token once and sends the file again.
 */
export function createFileSender(deps: UploaderDeps): FileSender {
  const createXhr = deps.createXhr ?? (() => new XMLHttpRequest());
  const baseUrl = deps.baseUrl ?? globalThis.location.origin;

  function attempt(target: Target, file: File, token: string | null, options: UploadOptions): Promise<Attempt> {
    return new Promise((resolve, reject) => {
      const xhr = createXhr();
      const onAbort = () => xhr.abort();
      xhr.open(target.method, `${baseUrl}${target.path}`);
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

  return async <T,>(target: Target, file: File, options: UploadOptions = {}): Promise<T> => {
    if (options.signal?.aborted) throw new UploadError('aborted', 0);
    const sentWith = deps.getToken();
    let result = await attempt(target, file, sentWith, options);
    if (result.status === 401) {
      // Another request may already have refreshed while this file was on the wire.
      const current = deps.getToken();
      const token = current !== null && current !== sentWith ? current : await deps.refresh();
      if (token === null) throw new UploadError('unauthorized', 401);
      options.onProgress?.(0);
      result = await attempt(target, file, token, options);
    }
    if (result.status >= 200 && result.status < 300) {
      options.onProgress?.(1);
      return JSON.parse(result.text) as T;
    }
    throw new UploadError(uploadErrorKind(result.status), result.status, detailOf(result.text));
  };
}

/** POST /api/rooms/{id}/uploads, with progress. */
export function createUploader(deps: UploaderDeps): Uploader {
  const send = createFileSender(deps);
  return (roomId, file, options) => send<UploadPublic>({ method: 'POST', path: `/api/rooms/${roomId}/uploads` }, file, options);
}

const sessionDeps: UploaderDeps = {
  getToken: () => session.getToken(),
  refresh: () => session.refresh(),
};

export const uploadFile: Uploader = createUploader(sessionDeps);

/** PUT /api/users/me/avatar, with progress: my account with its new avatar_url. */
export function uploadAvatar(file: File, options?: UploadOptions): Promise<UserPublic> {
  return createFileSender(sessionDeps)<UserPublic>({ method: 'PUT', path: '/api/users/me/avatar' }, file, options);
}

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
export function fetchUploadBlob(uploadId: string, variant: UploadVariant): Promise<Blob> {
  return fetchAuthedBlob(`/api/uploads/${encodeURIComponent(uploadId)}/${variant}`);
}

/** Any image the API serves to signed-in people (an upload, an avatar_url), as a blob. */
export async function fetchAuthedBlob(path: string): Promise<Blob> {
  const response = await authedFetch(`${globalThis.location.origin}${path}`);
  if (!response.ok) throw new ApiError({ status: response.status });
  return response.blob();
}
