import { useCallback, useEffect, useState } from 'react';
import type { DayStatus } from '../../../../shared/api/records';
import type { ApiError } from '../../../../shared/api/result';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { targetKey } from '../compliance/targetText';
import { startText } from '../policy/spanText';
import { useSession } from '../session/useSession';

/** Sign-off (归档) of one day: what is still missing, and the button for team leads once nothing is. */
export function DaySignOff({ date, zone, onOpen }: { date: string; zone: string; onOpen: (id: number) => void }) {
  const { t, errorText } = useI18n();
  const { isLead } = useSession();
  const [status, setStatus] = useState<DayStatus | null>(null);
  // Kept as data, so that a refusal follows a change of language.
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    const r = await api.dayStatus({ date });
    if (r.ok) setStatus(r.value);
  }, [date]);
  // Asked again each minute: the button comes alive when the day ends (midnight, Review left open), and blockers cleared in another window show.
  const now = useNow(60_000);
  useEffect(() => {
    void refresh();
  }, [refresh, now]);
  if (!status) return null;
  const signOff = async () => {
    const r = await api.signOffDay({ date });
    if (r.ok) {
      setStatus(r.value);
      setRefusal(null);
    } else {
      setRefusal(r.error);
      // What the day looks like now (a record reopened elsewhere, the day already signed off by another lead).
      await refresh();
    }
  };
  // Why the button cannot be pressed yet, said beside it instead of after a click.
  const why = !status.over ? t('signOff.notOver') : status.blockers.length > 0 ? t('signOff.clearFirst', { n: status.blockers.length }) : null;
  return (
    <section className="sign-off card" aria-labelledby="signoff-title" data-testid="sign-off">
      <h3 id="signoff-title">{t('signOff.title', { date })}</h3>
      {status.signedOff ? (
        <>
          <p className="saved-note">{t('signOff.done', { by: status.signedOff.by, at: localDateTime(status.signedOff.at, zone) })}</p>
          {status.rejudgedAfter.map((r) => (
            // A later policy version changed due times or verdicts here after the day was signed off.
            <p key={`${r.version}-${r.at}`} className="alert alert-near" role="note" data-testid="signoff-rejudged">
              {t(r.records === null ? 'signOff.rejudgedSome' : 'signOff.rejudged', {
                version: r.version,
                from: startText(r.effectiveFrom, zone, t),
                at: localDateTime(r.at, zone),
                actor: r.actor,
                n: r.records ?? 0,
              })}
              {r.reason && ` ${t('signOff.rejudgedReason', { reason: r.reason })}`}
            </p>
          ))}
        </>
      ) : status.blockers.length === 0 ? (
        <p>{t('signOff.ready', { n: status.records })}</p>
      ) : (
        <>
          <p>{t('signOff.missing', { n: status.blockers.length })}</p>
          <ul className="blockers">
            {status.blockers.map((b, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => onOpen(b.callId)}>
                  {b.recordNo}
                </button>
                : {b.problem === 'open' ? t('signOff.open') : t('signOff.reason', { target: t(targetKey({ kind: b.target! })) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {!status.signedOff && isLead && (
        <div className="inline sign-off-action">
          <button type="button" className="primary" disabled={why !== null} aria-describedby={why ? 'signoff-why' : undefined} onClick={() => void signOff()}>
            {t('signOff.button')}
          </button>
          {why && (
            <span id="signoff-why" className="muted" data-testid="sign-off-why">
              {why}
            </span>
          )}
        </div>
      )}
      {refusal && (
        <p className="field-error" role="alert">
          {errorText(refusal)}
        </p>
      )}
    </section>
  );
}
