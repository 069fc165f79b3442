import type { ReactNode } from 'react';
import type { AuditEntry, CallRecord } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';
import { TargetList } from '../compliance/TargetList';
import { targetKey } from '../compliance/targetText';
import { CallProgress } from '../desk/CallProgress';
import { VoidMark } from '../desk/VoidMark';
import { usePolicies } from '../policy/usePolicies';
import { Clamp } from '../../components/Clamp';
import { AuditRow } from './AuditRow';
import type { AuditContext } from './auditText';

/**
 * Every field, step, timestamp and target state of one record, its miss reasons and its audit trail:
 * this desk's own record (RecordPanel) or another desk's as the team server holds it (TeamRecordPanel).
 * `action` stands beside the record number, `notice` under it; `children` come after the record's facts, before its trail.
 */
export function RecordView(props: { record: CallRecord; audit: AuditEntry[]; action?: ReactNode; notice?: ReactNode; children?: ReactNode }) {
  const { record, audit, action, notice, children } = props;
  const { t, lang } = useI18n();
  const { policyFor } = usePolicies();
  const zone = record.timeZone;
  const policy = policyFor(record.policyVersion);
  const when = (ms: number | null) => (ms === null ? '—' : localDateTime(ms, zone));
  const priorityLabel = (key: string) => policy?.priorities.find((l) => l.key === key)?.label[lang] ?? key;
  // Audit rows keep keys and values as data: labelled here, in the reader's language and the record's zone.
  const audited: AuditContext = { t, zone, priorityLabel, date: record.localDate };
  const vocab = (prefix: string, value: string | null) => (value ? t(`${prefix}.${value}` as MessageKey) : '—');
  // Free text (a note can run to thousands of characters) takes the panel's width and is clamped.
  const fields: Array<[MessageKey, string, 'long'?]> = [
    ['field.callTime', when(record.callAt)],
    ['field.answerTime', when(record.answeredAt)],
    ['field.response', record.responseMinutes === null ? '—' : String(record.responseMinutes)],
    ['field.salutation', record.salutation ?? '—'],
    ['field.phone', record.phoneLast4 ?? '—'],
    ['field.customerType', vocab('customerType', record.customerType)],
    ['field.requestType', vocab('requestType', record.requestType)],
    ['field.category', vocab('category', record.category)],
    ['field.priority', record.priority === null ? '—' : priorityLabel(record.priority)],
    ['field.reason', record.reason ?? '—', 'long'],
    ['field.handler', record.handler ?? '—'],
    ['field.result', vocab('result', record.result)],
    ['field.followUpDue', when(record.followUpDueAt)],
    ['field.followUpOwner', record.followUpOwner ?? '—'],
    ['field.resultNote', record.resultNote ?? '—', 'long'],
    ['field.feedback', vocab('feedback', record.feedback)],
    ['field.feedbackReason', record.feedbackReason ?? '—', 'long'],
    ['field.overall', record.overallScore === null ? '—' : String(record.overallScore)],
    ['field.remarks', record.remarks ?? '—', 'long'],
    ['desk.closed', when(record.closedAt)],
  ];
  return (
    <article className="record-panel" aria-label={record.recordNo} data-testid="record-panel">
      <header className="policy-head">
        <h2>{record.recordNo}</h2>
        {action}
      </header>
      {notice}
      <p className="muted">
        {record.deskCode} · {record.agent || t('app.noAgent')}
      </p>
      {record.sourceRef !== null && (
        // The number the record had in the sheet it was imported from: what the team's old files call it.
        <p className="muted" data-testid="source-ref">
          {t('review.sourceRef', { ref: record.sourceRef })}
        </p>
      )}
      {record.voided && <VoidMark voided={record.voided} zone={zone} />}
      {record.clockBehindMs !== null && (
        // A click was logged while the system clock read earlier than the record (docs/durability.md).
        <p className="alert alert-near" role="note" data-testid="clock-flag">
          {t('review.clockBehind', { min: Math.ceil(record.clockBehindMs / 60_000) })}
        </p>
      )}
      {policy && !record.voided && <TargetList timing={record.timing} policy={policy} zone={zone} />}
      {record.missReasons.length > 0 && (
        <section>
          <h3>{t('miss.title')}</h3>
          <ul className="reasons" data-testid="miss-reasons">
            {record.missReasons.map((m) => (
              <li key={`${m.kind}-${m.index}`}>
                <strong>{t(targetKey(m))}</strong>: {t(`missReason.${m.code}` as MessageKey)}
                {m.text ? ` — ${m.text}` : ''} <span className="muted">({m.author})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl className="record-fields">
        {fields.map(([label, value, long]) => (
          <div key={label} className={long ? 'record-field-long' : undefined}>
            <dt>{t(label)}</dt>
            <dd>{long ? <Clamp text={value} /> : value}</dd>
          </div>
        ))}
      </dl>
      <CallProgress record={record} />
      {children}
      <section>
        <h3>{t('review.audit')}</h3>
        {audit.length === 0 ? (
          <p className="muted">{t('review.noAudit')}</p>
        ) : (
          <ol className="audit" data-testid="audit">
            {audit.map((a, i) => (
              <AuditRow key={i} entry={a} ctx={audited} zone={zone} />
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
