import type { ReactNode } from 'react';
import type { CallSummary, DayList } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { evaluateTargets, type TargetStatus } from '../../../../shared/timing/compliance';
import { localClock } from '../../../../shared/timing/localTime';
import { useNow } from '../../components/useNow';
import { byUrgency, dueSpanText, stateKey, targetKey } from '../compliance/targetText';
import { usePolicies } from '../policy/usePolicies';
import { useI18n } from '../../i18n';

/** The list's columns, most needed first in styles.css's order of giving way: reason and response go first. */
const COLUMNS: Array<[string, MessageKey]> = [
  ['recordNo', 'field.recordNo'],
  ['time', 'field.callTime'],
  ['salutation', 'field.salutation'],
  ['reason', 'field.reason'],
  ['response', 'field.response'],
  ['result', 'field.result'],
  ['targets', 'desk.targets'],
];

/** Today's records, newest first; open one to continue it (a follow-up is logged on the same record). Below them, `children` (the open missed calls). */
export function TodayList({ day, openId, onOpen, children }: { day: DayList | null; openId: number | null; onOpen: (id: number) => void; children?: ReactNode }) {
  const { t } = useI18n();
  const { policyFor } = usePolicies();
  const now = useNow();
  /** The target that needs attention first: a breach, a near one, else the next running one. */
  const lead = (r: CallSummary): TargetStatus | undefined => {
    const policy = policyFor(r.policyVersion);
    if (!policy) return undefined;
    return evaluateTargets(r.timing, policy, now)
      .filter((s) => s.state === 'breached' || ((s.state === 'near' || s.state === 'running') && s.endAt === null))
      .sort(byUrgency)[0];
  };
  const status = (r: CallSummary): string => {
    if (r.voidedAt !== null) return t('void.mark');
    if (r.closedAt === null) return t('desk.open');
    if (r.result === null) return t('desk.closed');
    return t(`result.${r.result}` as MessageKey);
  };
  return (
    <aside className="today card" aria-labelledby="today-title">
      <h2 id="today-title">
        {t('desk.today')} {day && <span className="muted">{day.date}</span>}
      </h2>
      {day && day.records.length === 0 && <p className="muted">{t('desk.noRecords')}</p>}
      {day && day.records.length > 0 && (
        // Fixed columns that fit the card (1366 px and up); narrower, the reason and the response give way first (styles.css).
        <table className="today-table">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} className={`col-${key}`} title={t(label)}>
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {day.records.map((r) => (
              <tr key={r.id} className={[r.id === openId ? 'selected' : '', r.voidedAt !== null ? 'voided' : ''].join(' ').trim() || undefined} aria-selected={r.id === openId}>
                <td className="col-recordNo">
                  <button type="button" className="link" onClick={() => onOpen(r.id)}>
                    {r.recordNo}
                  </button>
                </td>
                <td className="col-time">{localClock(r.callAt, day.timeZone)}</td>
                <td className="col-salutation" title={r.salutation ?? undefined}>
                  {r.salutation ?? ''}
                </td>
                <td className="col-reason" title={r.reason ?? undefined}>
                  {r.reason ?? ''}
                </td>
                <td className="col-response num">{r.responseMinutes ?? '—'}</td>
                <td className="col-result" title={status(r)}>
                  <span className={`status status-${r.voidedAt !== null ? 'voided' : r.closedAt === null ? 'open' : (r.result ?? 'closed')}`}>{status(r)}</span>
                </td>
                <td className="col-targets">
                  <LeadTarget target={r.voidedAt === null ? lead(r) : undefined} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children}
    </aside>
  );
}

function LeadTarget({ target, now }: { target: TargetStatus | undefined; now: number }) {
  const { t, lang } = useI18n();
  if (!target) return null;
  const what = `${t(targetKey(target))} ${t(stateKey(target))}`;
  const span = target.dueAt === null ? null : dueSpanText({ dueAt: target.dueAt, endAt: target.endAt }, now, lang);
  // Two parts that wrap between them, never inside a word; the whole in the tooltip.
  return (
    <span className={`target-chip target-${target.state}`} data-state={target.state} title={span === null ? what : `${what} · ${span}`}>
      <span>{what}</span>
      {span !== null && <span> · {span}</span>}
    </span>
  );
}
