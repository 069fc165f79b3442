import type { CallRecord } from '../../../../shared/api/records';
import { localClock, localDateTime } from '../../../../shared/timing/localTime';
import { ElapsedTimer } from '../../components/ElapsedTimer';
import { useI18n } from '../../i18n';
import { unsavedLabels } from './fieldPlaces';
import { PhoneEnded } from './PhoneEnded';
import type { SaveState } from './useDesk';

/** Record number, the call's moments, its response duration, and a running timer while it is open. */
export function CallHeader({ record, saveState, unsaved = [] }: { record: CallRecord; saveState: SaveState; unsaved?: readonly string[] }) {
  const { t, lang } = useI18n();
  const zone = record.timeZone;
  // "Not saved" says what: a refused action is no failed save, and every field it did not touch is stored.
  const unsavedText = () => {
    const labels = unsavedLabels(unsaved, t);
    return labels.length === 0 ? t('desk.notSaved') : t('desk.notSavedWhat', { what: labels.join(lang === 'zh' ? '、' : ', ') });
  };
  const saveLabel = { idle: '', saving: t('desk.saving'), saved: t('desk.saved'), failed: unsavedText() }[saveState];
  return (
    <header className="call-header">
      <div className="call-title">
        <h2 data-testid="record-no">{record.recordNo}</h2>
        <CallClock record={record} />
        <span className={`save-state save-${saveState}`} aria-live="polite">
          {saveLabel}
        </span>
      </div>
      <dl className="moments">
        <div>
          <dt>{t('desk.callCameIn')}</dt>
          <dd data-testid="call-time">{localDateTime(record.callAt, zone)}</dd>
        </div>
        <div>
          <dt>{t('desk.answered')}</dt>
          <dd data-testid="answer-time">{record.answeredAt === null ? '—' : localClock(record.answeredAt, zone)}</dd>
        </div>
        <div>
          <dt>{t('desk.responseDuration')}</dt>
          <dd data-testid="response-minutes">
            {record.responseMinutes === null ? '—' : t('desk.minutes', { n: record.responseMinutes })}
          </dd>
        </div>
      </dl>
      <PhoneEnded phone={record.phone} zone={zone} />
    </header>
  );
}

/**
 * Where the call stands: waiting, on call, in wrap-up once the phone system
 * reported the hang-up (the record stays open for the agent to finish it),
 * closed, or voided (no timer runs for a record that is no call).
 */
function CallClock({ record }: { record: CallRecord }) {
  const { t } = useI18n();
  if (record.voided) return <span className="badge">{t('void.mark')}</span>;
  if (record.closedAt !== null) {
    return (
      <span className="badge">
        {t('desk.closed')} {localClock(record.closedAt, record.timeZone)}
      </span>
    );
  }
  const endedAt = record.phone?.endedAt ?? null;
  if (endedAt !== null) return <ElapsedTimer key="wrapUp" since={endedAt} label={t('desk.wrapUp')} />;
  if (record.answeredAt === null) return <ElapsedTimer key="waiting" since={record.callAt} label={t('desk.waiting')} />;
  return <ElapsedTimer key="onCall" since={record.answeredAt} label={t('desk.onCall')} />;
}
