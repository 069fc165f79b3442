import { useEffect } from 'react';
import { events } from '../../api';

/**
 * Runs `read` at once, again on every `phoneCall` event (a call was missed, an
 * outbound call called one back, or anything else the phone did: a read is
 * cheap, a list behind is not) and after the event channel comes back, when
 * events may have been missed. `read` should be stable (useCallback).
 */
export function useRereadOnPhoneNews(read: () => Promise<void>): void {
  useEffect(() => {
    void read();
    const stops = [events.on('phoneCall', () => void read()), events.onReconnect(() => void read())];
    return () => {
      for (const stop of stops) stop();
    };
  }, [read]);
}
