import { useEffect, useState } from 'react';

/** Milliseconds left until `until` (an ISO time), ticking each second, never below 0. */
export function useCountdown(until: string | undefined): number | undefined {
  const end = until ? Date.parse(until) : undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (end === undefined) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= end) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [end]);
  return end === undefined ? undefined : Math.max(0, end - now);
}

/** Which moment a screen reader hears of a countdown: 10, 5 and 1 minutes left, and the end. */
export function milestoneOf(remainingMs: number): 'ended' | 1 | 5 | 10 | undefined {
  if (remainingMs <= 0) return 'ended';
  const minutes = remainingMs / 60_000;
  if (minutes <= 1) return 1;
  if (minutes <= 5) return 5;
  if (minutes <= 10) return 10;
  return undefined;
}
