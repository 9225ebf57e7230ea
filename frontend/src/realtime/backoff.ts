/** Reconnect delays: exponential with full jitter (AWS "Exponential Backoff and Jitter"). */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/** The ceiling for the `attempt`-th retry (0-based): 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffCeiling(attempt: number): number {
  // Past 2^16 the product overflows nothing but is pointless; clamp the exponent.
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(Math.max(attempt, 0), 16));
}

/**
 * A random delay in [0, ceiling]. Full jitter spreads a crowd of clients that lost the
 * same server at the same moment, so they don't all come back in one thundering herd.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * backoffCeiling(attempt));
}
