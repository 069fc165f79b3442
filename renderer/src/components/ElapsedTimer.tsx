import { useEffect, useState } from 'react';
import { formatElapsed } from '../../../shared/timing/durations';

/** A running m:ss timer since an instant, ticking once a second. */
export function ElapsedTimer({ since, label }: { since: number; label: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span className="timer" role="timer" aria-label={label}>
      {label} <strong>{formatElapsed(now - since)}</strong>
    </span>
  );
}
