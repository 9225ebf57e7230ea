import { useCallback, useEffect, useState } from 'react';

import type { QuotedMessage } from '../../api';

/** A message sent before its files finished uploading: what was typed, and what goes out. */
export interface HeldMessage {
  typed: string;
  body: string;
  /** Kept from Send on: a page that reopens after a tab closed sends it as this one. */
  clientId: string;
  /** The message it answers, fixed when Send was pressed. */
  replyTo?: QuotedMessage | null;
}

interface HeldSendOptions {
  /** Some file is still on its way up, or failed and waits for a retry or removal. */
  waiting: boolean;
  /** Something besides the text would go out (a file on the server). */
  hasFiles: boolean;
  deliver: (body: string, replyTo: QuotedMessage | null, clientId: string) => void;
}

/**
 * Send now, deliver when the files are up: the text leaves the composer at once (so the
 * next message can be typed) and goes out with its files the moment none is uploading.
 * A failed file holds it until retried or removed, so text never goes out without the
 * file it was written about; cancelling gives the text back.
 */
export function useHeldSend({ waiting, hasFiles, deliver }: HeldSendOptions) {
  const [held, setHeld] = useState<HeldMessage | null>(null);
  useEffect(() => {
    if (held === null || waiting) return;
    // Sending is the effect (the socket is outside React); clearing what was sent happens
    // once (held becomes null), so it cannot cascade.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHeld(null);
    // Every file was removed and there was no text: nothing is left to send.
    if (held.body === '' && !hasFiles) return;
    deliver(held.body, held.replyTo ?? null, held.clientId);
  }, [held, waiting, hasFiles, deliver]);
  // A held message is in no outbox yet (its files are still going up): closing the tab
  // would lose it, so the browser asks first, as it does for the outbox's unsent ones.
  useEffect(() => {
    if (held === null) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- older Chromium and Safari ask only when it is set
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [held]);
  const cancel = useCallback((): HeldMessage | null => {
    setHeld(null);
    return held;
  }, [held]);
  return { held, hold: setHeld, cancel };
}
