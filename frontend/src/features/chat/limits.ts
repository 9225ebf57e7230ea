import { useEffect } from 'react';

import { useRealtime } from '../../realtime';
import { useClientConfig } from '../../components/useClientConfig';

/** Until GET /api/config answers: the server's default; the server checks either way. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 4000;
/** The remaining-characters counter shows this close to the limit. */
const COUNTER_WITHIN = 500;

export interface MessageLimits {
  /** Longer bodies are refused with `invalid`. */
  maxLength: number;
  counterFrom: number;
}

/** The message length the server accepts, as GET /api/config says. */
export function useMessageLimits(): MessageLimits {
  const { data } = useClientConfig();
  const maxLength = data?.max_message_length ?? DEFAULT_MAX_MESSAGE_LENGTH;
  return { maxLength, counterFrom: Math.max(0, maxLength - COUNTER_WITHIN) };
}

/** Hands the server's send rate (GET /api/config) to the socket client's pacer. */
export function useServerSendRate(): void {
  const client = useRealtime();
  const { data } = useClientConfig();
  const count = data?.send_rate_count;
  const period = data?.send_rate_period_seconds;
  useEffect(() => {
    if (count !== undefined && period !== undefined) client.setSendRate(count, period);
  }, [client, count, period]);
}
