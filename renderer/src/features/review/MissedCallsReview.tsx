import { useCallback, useState } from 'react';
import type { MissedCallView } from '../../../../shared/api/telephony';
import { api } from '../../api';
import { useRereadOnPhoneNews } from '../missedCalls/useRereadOnPhoneNews';
import { useI18n } from '../../i18n';
import { MissedCallsTable } from '../missedCalls/MissedCallsTable';

type MissedState = 'open' | 'calledBack' | undefined;
const STATES: MissedState[] = [undefined, 'open', 'calledBack'];

/**
 * Review's missed calls of the period, with a filter of their own (all, open,
 * called back) and who called back and how. Apart from the records' list: a
 * missed call is not a record and counts in none of its figures. Shown once
 * the period has any, so a desk without telephony sees nothing new.
 */
export function MissedCallsReview({ from, to }: { from: string; to: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<MissedState>(undefined);
  const [calls, setCalls] = useState<MissedCallView[] | null>(null);
  const [any, setAny] = useState(false);
  const read = useCallback(async () => {
    const [shown, all] = await Promise.all([api.listMissedCalls({ from, to, ...(state ? { state } : {}) }), state ? api.listMissedCalls({ from, to }) : null]);
    if (shown.ok) setCalls(shown.value);
    setAny(shown.ok && shown.value.length > 0 ? true : all?.ok === true && all.value.length > 0);
  }, [from, to, state]);
  useRereadOnPhoneNews(read);
  if (!any || calls === null) return null;
  return (
    <section className="card review-missed" aria-labelledby="review-missed-title">
      <div className="inline">
        <h3 id="review-missed-title">{t('missed.title')}</h3>
        <div className="state-filter" role="group" aria-label={t('missed.filter')}>
          {STATES.map((s) => (
            <button key={s ?? 'all'} type="button" aria-pressed={state === s} className={state === s ? 'tab active' : 'tab'} onClick={() => setState(s)}>
              {t(`missed.filter.${s ?? 'all'}`)}
            </button>
          ))}
        </div>
      </div>
      {calls.length === 0 ? <p className="muted">{t(state ? `missed.noneInPeriod.${state}` : 'missed.noneInPeriod')}</p> : <MissedCallsTable calls={calls} onChanged={read} dates testId="review-missed" />}
    </section>
  );
}
