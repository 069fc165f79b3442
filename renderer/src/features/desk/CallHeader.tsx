import type { CallRecord } from '../../../../shared/api/records';
import { localClock, localDateTime } from '../../../../shared/timing/localTime';
import { ElapsedTimer } from '../../components/ElapsedTimer';
import { useI18n } from '../../i18n';
import { unsavedLabels } from './fieldPlaces';
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
        {record.closedAt === null ? (
          record.answeredAt === null ? (
            <ElapsedTimer since={record.callAt} label={t('desk.waiting')} />
          ) : (
            <ElapsedTimer since={record.answeredAt} label={t('desk.onCall')} />
          )
        ) : (
          <span className="badge">{t('desk.closed')} {localClock(record.closedAt, zone)}</span>
        )}
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
    </header>
  );
}
