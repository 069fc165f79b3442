import { useState } from 'react';
import type { MissedCallView } from '../../../../shared/api/telephony';
import type { MessageKey } from '../../../../shared/i18n';
import { localClock, localDateTime } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { callbackOf, causeKey } from './callbackText';

/**
 * Missed calls as a table: number, time, wait, last four digits, queue, cause
 * and the callback (due, with its countdown, or who called back and how).
 * Open ones have a checkbox for "Mark missed calls as handled" in bulk and a
 * "Mark called back" button of their own (not "Called back": that is the
 * Review filter's label, and a row's action must not read as its state). `dates`: the time column shows the date
 * too (a period in Review, open work over days).
 */
export function MissedCallsTable(props: { calls: MissedCallView[]; onChanged: () => Promise<void> | void; dates?: boolean; testId: string }) {
  const { t, lang, errorText } = useI18n();
  const now = useNow(15_000);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = props.calls.filter((m) => m.calledBackAt === null);
  const chosen = open.filter((m) => selected.has(m.id)).map((m) => m.id);
  const mark = async (ids: number[]) => {
    const r = await api.markMissedCallsCalledBack({ ids });
    if (!r.ok) return setError(errorText(r.error));
    setError(null);
    setNote(t('missed.marked', { n: r.value.changed }));
    setSelected(new Set());
    await props.onChanged();
  };
  const toggle = (id: number, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = open.length > 0 && chosen.length === open.length;
  return (
    <div className="missed-calls" data-testid={props.testId}>
      {open.length > 0 && (
        <div className="inline missed-actions">
          <label className="check">
            <input type="checkbox" checked={allOn} onChange={(e) => setSelected(new Set(e.target.checked ? open.map((m) => m.id) : []))} />
            {t('missed.selectAll')}
          </label>
          <button type="button" disabled={chosen.length === 0} onClick={() => void mark(chosen)}>
            {chosen.length > 0 ? t('missed.markHandledN', { n: chosen.length }) : t('missed.markHandled')}
          </button>
        </div>
      )}
      <div role="status">{note && <p className="saved-note">{note}</p>}</div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <table className="follow-up-table missed-table">
        <thead>
          <tr>
            <th aria-label={t('missed.selectColumn')} />
            <th>{t('missed.no')}</th>
            <th>{t('missed.time')}</th>
            <th>{t('missed.wait')}</th>
            <th>{t('missed.last4')}</th>
            <th>{t('missed.queue')}</th>
            <th>{t('missed.cause')}</th>
            <th>{t('missed.callback')}</th>
          </tr>
        </thead>
        <tbody>
          {props.calls.map((m) => {
            const callback = callbackOf(m, now, lang);
            const cause = causeKey(m.cause);
            return (
              <tr key={m.id} data-testid={`missed-${m.missedNo}`} className={`missed missed-${callback.state}`}>
                <td>
                  {m.calledBackAt === null && <input type="checkbox" aria-label={t('missed.select', { no: m.missedNo })} checked={selected.has(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />}
                </td>
                <td>{m.missedNo}</td>
                <td>{props.dates ? localDateTime(m.callAt, m.timeZone) : localClock(m.callAt, m.timeZone)}</td>
                <td className="num">{t('missed.waitSec', { n: Math.round(m.waitSec) })}</td>
                <td>{m.numberLast4 === null ? '—' : `··${m.numberLast4}`}</td>
                <td>{m.queue ?? '—'}</td>
                <td>{cause ? t(cause) : m.cause}</td>
                <td className="missed-callback">
                  <span className={`target-chip target-${callback.state === 'late' ? 'breached' : callback.state}`} data-state={callback.state}>
                    {t(callback.key)}
                    {callback.span !== null && ` · ${callback.span}`}
                  </span>
                  {m.callbackDueAt !== null && m.calledBackAt === null && (
                    <small className="muted">
                      {' '}
                      {t('missed.callbackDue')} {localDateTime(m.callbackDueAt, m.timeZone)}
                    </small>
                  )}
                  {m.calledBackAt !== null && (
                    <small className="muted">
                      {' '}
                      {t('missed.byHow', { who: m.calledBackBy ?? '—', how: t(`missed.how.${m.calledBackHow ?? 'marked'}` as MessageKey), time: localDateTime(m.calledBackAt, m.timeZone) })}
                    </small>
                  )}
                  {m.calledBackAt === null && (
                    <button type="button" className="small" aria-label={t('missed.markCalledBackFor', { no: m.missedNo })} onClick={() => void mark([m.id])}>
                      {t('missed.markCalledBack')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
