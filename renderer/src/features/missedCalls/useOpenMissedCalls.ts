import { useCallback, useEffect, useState } from 'react';
import type { MissedCallView } from '../../../../shared/api/telephony';
import { api, events } from '../../api';

/**
 * The missed calls not yet called back, oldest first: read at once, again on
 * every `phoneCall` event (a call was missed, an outbound call called one back,
 * or anything else the phone did: a read is cheap, a list behind is not) and
 * after the event channel comes back.
 */
export function useOpenMissedCalls() {
  const [calls, setCalls] = useState<MissedCallView[] | null>(null);
  const read = useCallback(async () => {
    const r = await api.listMissedCalls({ open: true });
    if (r.ok) setCalls(r.value);
  }, []);
  useEffect(() => {
    void read();
    const stops = [events.on('phoneCall', () => void read()), events.onReconnect(() => void read())];
    return () => {
      for (const stop of stops) stop();
    };
  }, [read]);
  return { calls, reload: read };
}
