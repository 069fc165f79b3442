import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallRecord, FollowUpItem } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { dueSpanText } from '../compliance/targetText';
import { MissedCallsTable } from '../missedCalls/MissedCallsTable';
import { useOpenMissedCalls } from '../missedCalls/useOpenMissedCalls';

/**
 * Open work across days: in-progress records by due time, progress updates,
 * results to tell, callbacks and low-satisfaction follow-ups; overdue first.
 * Completing one logs a step on the same record. Below them, the callbacks of
 * missed calls (issue 15), soonest due first.
 */
export function FollowUpsScreen({ zone, onOpen }: { zone: string; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<FollowUpItem[] | null>(null);
  const now = useNow(30_000);
  const missed = useOpenMissedCalls();
  // The callbacks of missed calls, the soonest due first (one without a target last).
  const callbacks = [...(missed.calls ?? [])].sort((a, b) => (a.callbackDueAt ?? Infinity) - (b.callbackDueAt ?? Infinity));
  const refresh = useCallback(async () => {
    const r = await api.listFollowUps({});
    if (r.ok) setItems(r.value);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh, now]);
  /** The last follow-up completed: its row is gone from the list, so the list's head says where it went. */
  const [logged, setLogged] = useState<{ callId: number; recordNo: string; n: number } | null>(null);
  const loggedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The row and its field are gone: the focus goes to the confirmation, in sight, rather than to the page.
    if (logged) loggedRef.current?.focus();
  }, [logged]);
  const onDone = async (record: CallRecord) => {
    const step = record.steps.at(-1);
    if (step) setLogged({ callId: record.id, recordNo: record.recordNo, n: step.n });
    await refresh();
  };

  return (
    <main className="follow-ups card">
      <h2>{t('followUps.title')}</h2>
      <div role="status">
        {logged && (
          <p ref={loggedRef} tabIndex={-1} className="saved-note follow-up-logged" data-testid="follow-up-logged">
            {t('followUps.logged', { record: logged.recordNo, n: logged.n })}{' '}
            <button type="button" className="link" onClick={() => onOpen(logged.callId)}>
              {t('followUps.openRecord')}
            </button>
          </p>
        )}
      </div>
      {items !== null && items.length === 0 && <p className="muted">{t('followUps.none')}</p>}
      {items !== null && items.length > 0 && (
        <table className="follow-up-table">
          <thead>
            <tr>
              <th>{t('followUps.state')}</th>
              <th>{t('followUps.kind')}</th>
              <th>{t('field.recordNo')}</th>
              <th>{t('field.salutation')}</th>
              <th>{t('field.reason')}</th>
              <th>{t('followUps.due')}</th>
              <th>{t('followUps.owner')}</th>
              <th>{t('followUps.complete')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <FollowUpRow key={`${item.callId}-${item.kind}`} item={item} zone={zone} now={now} onOpen={onOpen} onDone={onDone} />
            ))}
          </tbody>
        </table>
      )}
      {callbacks.length > 0 && (
        <section className="follow-ups-missed" aria-labelledby="follow-ups-missed-title">
          <h3 id="follow-ups-missed-title">{t('followUps.missedTitle')}</h3>
          <p className="muted">{t('missed.hint')}</p>
          <MissedCallsTable calls={callbacks} onChanged={missed.reload} dates testId="follow-ups-missed" />
        </section>
      )}
    </main>
  );
}

function FollowUpRow(props: { item: FollowUpItem; zone: string; now: number; onOpen: (id: number) => void; onDone: (record: CallRecord) => Promise<void> }) {
  const { t, errorText, lang } = useI18n();
  const { item } = props;
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | null>(null);
  const complete = async () => {
    const r = await api.completeFollowUp({ id: item.callId, kind: item.kind, outcome });
    if (!r.ok) return setError(errorText(r.error));
    setError(null);
    await props.onDone(r.value);
  };
  const inputId = `outcome-${item.callId}-${item.kind}`;
  return (
    <tr className={`follow-up follow-up-${item.state}`} data-testid={`follow-up-${item.kind}`}>
      <td>
        <span className={`status status-${item.state}`}>{t(`state.${item.state}` as MessageKey)}</span>
      </td>
      <td>{t(`followUps.kind.${item.kind}` as MessageKey)}</td>
      <td>
        <button type="button" className="link" onClick={() => props.onOpen(item.callId)}>
          {item.recordNo}
        </button>
      </td>
      <td>{item.salutation ?? ''}</td>
      <td className="reason-cell">{item.reason ?? ''}</td>
      <td>
        {localDateTime(item.dueAt, props.zone)}
        <br />
        <small>{dueSpanText({ dueAt: item.dueAt, endAt: null }, props.now, lang)}</small>
      </td>
      <td>{item.owner ?? ''}</td>
      <td className="complete-cell">
        <input id={inputId} aria-label={t('followUps.outcomeFor', { kind: t(`followUps.kind.${item.kind}` as MessageKey), record: item.recordNo })} value={outcome} placeholder={t('followUps.outcomeHint')} onChange={(e) => setOutcome(e.target.value)} />
        <button type="button" onClick={() => void complete()}>
          {t('followUps.done')}
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
