import { useEffect, useState } from 'react';

/** Milliseconds until just after the next local midnight. */
function untilMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
  return next.getTime() - now.getTime();
}

/**
 * The current time, renewed at each local midnight: "Today" becomes "Yesterday" in a tab
 * left open overnight without re-rendering the list every minute.
 */
export function useToday(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setTimeout(() => setNow(new Date()), untilMidnight(now));
    return () => clearTimeout(timer);
  }, [now]);
  return now;
}
