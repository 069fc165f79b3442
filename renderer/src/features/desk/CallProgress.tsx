import type { CallRecord } from '../../../../shared/api/records';
import { localClock, localDate, localDateTime } from '../../../../shared/timing/localTime';
import { Clamp } from '../../components/Clamp';
import { stepText } from '../../../../shared/i18n/stepText';
import { useI18n } from '../../i18n';

/** Transfers with their second-response durations, and the numbered handling steps. */
export function CallProgress({ record }: { record: CallRecord }) {
  const { t, lang } = useI18n();
  const zone = record.timeZone;
  // A moment on another day than the call's (a step logged the next morning) says its date, not only its time.
  const stamp = (at: number) => (localDate(at, zone) === record.localDate ? localClock(at, zone) : localDateTime(at, zone));
  return (
    <div className="progress">
      {record.transfers.length > 0 && (
        <section>
          <h3>{t('desk.transfers')}</h3>
          <ol className="transfers" data-testid="transfers">
            {record.transfers.map((tr) => (
              <li key={tr.seq}>
                {stamp(tr.transferredAt)} → <strong>{tr.to}</strong> ·{' '}
                {tr.secondResponseMinutes === null ? (
                  <em>{t('desk.transferPending')}</em>
                ) : (
                  <span data-testid="second-response">{t('desk.secondResponse', { n: tr.secondResponseMinutes })}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section>
        <h3>{t('desk.steps')}</h3>
        {record.steps.length === 0 ? (
          <p className="muted">{t('desk.noSteps')}</p>
        ) : (
          <ol className="steps" data-testid="steps">
            {record.steps.map((s) => (
              <li key={s.n}>
                <span className="step-meta">
                  {s.n}. {stamp(s.at)} · {s.author}
                </span>
                <Clamp className="step-text" text={stepText(lang, s)} lines={3} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
