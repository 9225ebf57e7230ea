import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { fetchUpload, UploadError, uploadFile, type UploadPublic } from '../../api';
import { useRoomState } from '../../realtime';
import { checkFile, isImageMime, guessMime } from './preflight';
import { loadClientConfig } from '../../components/useClientConfig';

export type AttachmentPhase = 'uploading' | 'processing' | 'ready' | 'failed';
export type AttachmentErrorKey =
  | 'type'
  | 'size'
  | 'empty'
  | 'network'
  | 'forbidden'
  | 'unauthorized'
  | 'failed'
  | 'processing';

export interface ComposerAttachment {
  key: string;
  file: File;
  /** A local object URL for image previews (never the server's copy). */
  previewUrl: string | null;
  /** Share of bytes sent, 0–1. */
  progress: number;
  phase: AttachmentPhase;
  upload: UploadPublic | null;
  error: AttachmentErrorKey | null;
  /** A network or server hiccup is worth another go; a refused type or size is not. */
  retryable: boolean;
}

const POLL_MS = 3000;
const STAGE: Record<string, number> = { pending: 0, processing: 1, ready: 2, failed: 2 };

function fresher(a: UploadPublic | null | undefined, b: UploadPublic | null): UploadPublic | null {
  if (!a) return b;
  if (!b) return a;
  return (STAGE[a.status] ?? 0) > (STAGE[b.status] ?? 0) ? a : b;
}

function errorKey(error: unknown): { error: AttachmentErrorKey; retryable: boolean } {
  if (!(error instanceof UploadError)) return { error: 'failed', retryable: true };
  switch (error.kind) {
    case 'tooLarge':
      return { error: 'size', retryable: false };
    case 'unsupportedType':
      return { error: 'type', retryable: false };
    case 'invalid':
      return { error: 'empty', retryable: false };
    case 'forbidden':
      return { error: 'forbidden', retryable: false };
    case 'unauthorized':
      return { error: 'unauthorized', retryable: true };
    case 'network':
      return { error: 'network', retryable: true };
    default:
      return { error: 'failed', retryable: true };
  }
}

/** The phase shown for an item once its bytes are on the server. */
function livePhase(item: ComposerAttachment, known: UploadPublic | undefined): ComposerAttachment {
  if (item.phase === 'uploading' || item.error !== null) return item;
  const upload = fresher(known, item.upload);
  if (!upload) return item;
  if (upload.status === 'failed') return { ...item, upload, phase: 'failed', error: 'processing', retryable: true };
  return { ...item, upload, phase: upload.status === 'ready' ? 'ready' : 'processing' };
}

/**
 * The files waiting in the composer: checked against the server's limits, uploaded with
 * progress, then followed until processed (`upload` frames, polling as a fallback).
 */
export function useComposerAttachments(roomId: number) {
  const queryClient = useQueryClient();
  const { uploads: known } = useRoomState(roomId);
  const [items, setItems] = useState<ComposerAttachment[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    const running = controllers.current;
    const urls = previews.current;
    return () => {
      mounted.current = false;
      for (const controller of running.values()) controller.abort();
      for (const url of urls.values()) URL.revokeObjectURL(url);
      running.clear();
      urls.clear();
    };
  }, []);

  const patch = useCallback((key: string, change: Partial<ComposerAttachment>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      patch(key, { phase: 'uploading', progress: 0, error: null, retryable: false, upload: null });
      uploadFile(roomId, file, { signal: controller.signal, onProgress: (progress) => patch(key, { progress }) })
        .then((upload) => patch(key, { upload, progress: 1, phase: upload.status === 'ready' ? 'ready' : 'processing' }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          patch(key, { phase: 'failed', ...errorKey(error) });
        })
        .finally(() => controllers.current.delete(key));
    },
    [roomId, patch],
  );

  const add = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      const config = await loadClientConfig(queryClient);
      if (!mounted.current) return;
      const fresh = files.map((file): ComposerAttachment => {
        const key = crypto.randomUUID();
        const check = config ? checkFile(file, config) : ({ ok: true } as const);
        let previewUrl: string | null = null;
        if (check.ok && isImageMime(guessMime(file))) {
          previewUrl = URL.createObjectURL(file);
          previews.current.set(key, previewUrl);
        }
        return {
          key,
          file,
          previewUrl,
          progress: 0,
          phase: check.ok ? 'uploading' : 'failed',
          upload: null,
          error: check.ok ? null : check.reason,
          retryable: false,
        };
      });
      setItems((list) => [...list, ...fresh]);
      for (const item of fresh) if (item.error === null) start(item.key, item.file);
    },
    [queryClient, start],
  );

  const forget = useCallback((keys: ReadonlySet<string>) => {
    for (const key of keys) {
      controllers.current.get(key)?.abort();
      controllers.current.delete(key);
      const url = previews.current.get(key);
      if (url) URL.revokeObjectURL(url);
      previews.current.delete(key);
    }
    setItems((list) => list.filter((item) => !keys.has(item.key)));
  }, []);

  const remove = useCallback((key: string) => forget(new Set([key])), [forget]);

  const shown = useMemo(
    () => items.map((item) => livePhase(item, item.upload ? known[item.upload.id] : undefined)),
    [items, known],
  );

  const retry = useCallback(
    (key: string) => {
      const item = shown.find((entry) => entry.key === key);
      if (item?.retryable) start(key, item.file);
    },
    [shown, start],
  );

  /** The upload ids to send now (uploaded, processing or ready); they leave the composer. */
  const takeForSend = useCallback((): string[] => {
    const sendable = shown.filter((item) => item.upload && (item.phase === 'processing' || item.phase === 'ready'));
    forget(new Set(sendable.map((item) => item.key)));
    return sendable.flatMap((item) => (item.upload ? [item.upload.id] : []));
  }, [shown, forget]);

  // Fallback for a missed `upload` frame (socket down, reconnecting): ask the server.
  const processing = shown.flatMap((item) => (item.phase === 'processing' && item.upload ? [item.upload.id] : []));
  const processingKey = processing.join(',');
  useEffect(() => {
    if (processingKey === '') return;
    const timer = setInterval(() => {
      for (const id of processingKey.split(',')) {
        fetchUpload(id)
          .then((upload) => {
            setItems((list) =>
              list.map((item) => (item.upload?.id === id ? { ...item, upload: fresher(item.upload, upload) } : item)),
            );
          })
          .catch(() => undefined);
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [processingKey]);

  return {
    items: shown,
    add,
    remove,
    retry,
    takeForSend,
    uploading: shown.some((item) => item.phase === 'uploading'),
    /** A file failed but may go on retry: a message waiting for it keeps waiting. */
    stalled: shown.some((item) => item.phase === 'failed' && item.retryable),
    sendable: shown.some((item) => item.phase === 'processing' || item.phase === 'ready'),
  };
}

export type ComposerAttachments = ReturnType<typeof useComposerAttachments>;
