import { useCallback, useState } from 'react';
import type { MissedCallView } from '../../../../shared/api/telephony';
import { api } from '../../api';
import { useRereadOnPhoneNews } from './useRereadOnPhoneNews';

/**
 * The missed calls not yet called back, oldest first, kept up to date with
 * the phone's news (useRereadOnPhoneNews).
 */
export function useOpenMissedCalls() {
  const [calls, setCalls] = useState<MissedCallView[] | null>(null);
  const read = useCallback(async () => {
    const r = await api.listMissedCalls({ open: true });
    if (r.ok) setCalls(r.value);
  }, []);
  useRereadOnPhoneNews(read);
  return { calls, reload: read };
}
