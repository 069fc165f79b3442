import { DateTime } from 'luxon';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { TeamDayStatus, TeamSignOffList } from '../../../../shared/api/team';
import type { MessageKey } from '../../../../shared/i18n';
import type { TargetKind } from '../../../../shared/timing/compliance';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api, events } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { serverClock } from '../board/countdown';
import { targetKey } from '../compliance/targetText';
import { isSilent, readinessOf, type Readiness } from './signOffReadiness';

/** A desk's pushes in a burst cost one read of its day. */
const COALESCE_MS = 500;

/**
 * The team's sign-off (归档) per desk and day, for leads and admins in team
 * scope: every desk's day on the team server (its records, what still blocks
 * it, the changes the desk said still wait, when it was last heard from, who
 * signed it and what changed after), and a Sign off button per desk once the
 * day is over and nothing blocks it. The server signs (once per desk and date);
 * a refusal shows beside the desk's row, and the list is read again.
 */
export function TeamSignOffPanel({ zone }: { zone: string }) {
  const { t, errorText } = useI18n();
  const [date, setDate] = useState(() => DateTime.now().setZone(zone).minus({ days: 1 }).toISODate() as string);
  const [list, setList] = useState<{ value: TeamSignOffList; receivedAt: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Kept as data, per desk, so that a refusal follows a change of language.
  const [refusals, setRefusals] = useState<Record<string, ApiError>>({});
  const [asking, setAsking] = useState<{ day: TeamDayStatus; warnings: Extract<Readiness, { can: true }>['warnings'] } | null>(null);
  const [signing, setSigning] = useState<string | null>(null);
  const pushed = useRef<{ desks: Set<string>; timer: ReturnType<typeof setTimeout> | null }>({ desks: new Set(), timer: null });

  const read = useCallback(
    async (desks?: string[]) => {
      const r = await api.teamSignOffDays({ date, ...(desks && { desks }) });
      if (!r.ok) return setError(r.error);
      setError(null);
      const receivedAt = Date.now();
      setList((old) => {
        if (!desks || !old || old.value.date !== date) return { value: r.value, receivedAt };
        // Only the desks that pushed were read again: the others stay as they were.
        const fresh = new Map(r.value.days.map((d) => [d.desk, d]));
        return { value: { ...r.value, days: old.value.days.map((d) => fresh.get(d.desk) ?? d) }, receivedAt };
      });
    },
    [date],
  );

  // Read again each minute (a day ends at midnight with the panel open, a desk falls silent), and when a desk pushes.
  const minute = useNow(60_000);
  useEffect(() => {
    void read();
  }, [read, minute]);
  useEffect(() => {
    const state = pushed.current;
    const soon = ({ desk }: { desk: string }) => {
      // An empty desk: the lead's app reconnected and may have missed notices; read every desk.
      if (desk === '') state.desks.add('*');
      else state.desks.add(desk);
      state.timer ??= setTimeout(() => {
        const desks = [...state.desks];
        state.desks.clear();
        state.timer = null;
        void read(desks.includes('*') ? undefined : desks);
      }, COALESCE_MS);
    };
    const stops = [events.on('teamBoard', soon), events.onReconnect(() => void read())];
    return () => {
      for (const stop of stops) stop();
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.desks.clear();
    };
  }, [read]);

  const now = useNow(5_000);
  const serverNow = list ? serverClock(list.value.serverNow, list.receivedAt, now) : now;
  const ago = (at: number | null) => {
    if (at === null) return t('board.never');
    const seconds = Math.max(0, Math.round((serverNow - at) / 1000));
    return seconds < 120 ? t('board.secondsAgo', { seconds }) : t('board.minutesAgo', { minutes: Math.round(seconds / 60) });
  };

  const signOff = async (day: TeamDayStatus) => {
    setAsking(null);
    setSigning(day.desk);
    const r = await api.teamSignOffDay({ desk: day.desk, date: day.date });
    setSigning(null);
    setRefusals((old) => {
      const { [day.desk]: _gone, ...rest } = old;
      return r.ok ? rest : { ...rest, [day.desk]: r.error };
    });
    // What the day looks like now: signed, or why not (another lead signed first, a record reopened).
    await read([day.desk]);
  };
  const ask = (day: TeamDayStatus) => {
    const ready = readinessOf(day, serverNow);
    if (!ready.can) return;
    if (ready.warnings.length === 0) void signOff(day);
    else setAsking({ day, warnings: ready.warnings });
  };

  const days = list?.value.date === date ? list.value.days : [];
  return (
    <section className="card team-sign-off" aria-labelledby="team-signoff-title" data-testid="team-sign-off">
      <h3 id="team-signoff-title">{t('teamSignOff.title')}</h3>
      <p className="muted">{t('teamSignOff.note')}</p>
      <label className="team-sign-off-date">
        {t('teamSignOff.date')}{' '}
        <input type="date" value={date} max={DateTime.now().setZone(zone).toISODate() as string} onChange={(e) => e.target.value && setDate(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {list && days.length === 0 && <p className="muted">{t('teamSignOff.noDesks')}</p>}
      {days.length > 0 && (
        <table className="board-desks team-sign-off-days" data-testid="team-sign-off-days">
          <thead>
            <tr>
              {(['teamSignOff.desk', 'teamSignOff.records', 'teamSignOff.blockers', 'teamSignOff.waiting', 'teamSignOff.state'] as MessageKey[]).map((k) => (
                <th key={k}>{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => {
              const ready = readinessOf(day, serverNow);
              const deskZone = day.timeZone ?? zone;
              const silent = isSilent(day, serverNow);
              const why = ready.can ? null : ready.why === 'notOver' ? t('signOff.notOver') : ready.why === 'blocked' ? t('teamSignOff.clearFirst', { n: day.blockers.length }) : null;
              const refusal = refusals[day.desk];
              return (
                <tr key={day.desk} data-desk={day.desk} data-signed={day.signedOff ? 'yes' : 'no'}>
                  <th scope="row">{day.desk}</th>
                  <td data-col="records">{day.records}</td>
                  <td data-col="blockers">
                    {day.blockers.length === 0 ? (
                      t('teamSignOff.none')
                    ) : (
                      <ul className="blockers">
                        {day.blockers.map((b, i) => (
                          <li key={i}>
                            {b.recordNo}: {b.problem === 'open' ? t('signOff.open') : t('signOff.reason', { target: t(targetKey({ kind: b.target as TargetKind })) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-col="waiting">
                    {day.waiting === null ? t('teamSignOff.waitingUnknown') : day.waiting === 0 ? t('teamSignOff.waitingNone') : t('teamSignOff.waitingSome', { n: day.waiting })}
                    {day.waitingAt !== null && <span className="muted"> · {t('teamSignOff.saidAgo', { ago: ago(day.waitingAt) })}</span>}
                    <br />
                    <span className="muted">{t('teamSignOff.heard', { ago: ago(day.lastSeenAt) })}</span>
                    {silent && <span className="tag warn">{t('teamSignOff.silent')}</span>}
                  </td>
                  <td data-col="state">
                    {day.signedOff ? (
                      <p className="saved-note" data-testid="team-signed">
                        {t('teamSignOff.signed', { by: day.signedOff.by, at: localDateTime(day.signedOff.at, deskZone) })}
                      </p>
                    ) : (
                      <div className="inline sign-off-action">
                        <button type="button" className="primary" disabled={!ready.can || signing === day.desk} aria-describedby={why ? `why-${day.desk}` : undefined} onClick={() => ask(day)}>
                          {t('teamSignOff.button')}
                        </button>
                        {why && (
                          <span id={`why-${day.desk}`} className="muted">
                            {why}
                          </span>
                        )}
                      </div>
                    )}
                    {day.changedAfterSignOff.length > 0 && (
                      <p className="alert alert-near" role="note" data-testid="team-changed-after">
                        {t('teamSignOff.changedAfter', { records: day.changedAfterSignOff.join(', ') })}
                      </p>
                    )}
                    {refusal && (
                      <p className="field-error" role="alert" data-testid="team-sign-off-refusal">
                        {errorText(refusal)}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {asking && (
        <ConfirmDialog
          title={t('teamSignOff.confirmTitle', { desk: asking.day.desk, date: asking.day.date })}
          body={asking.warnings
            .map((w) => (w.kind === 'waiting' ? t('teamSignOff.confirmWaiting', { n: w.n }) : w.kind === 'unknown' ? t('teamSignOff.confirmUnknown') : t('teamSignOff.confirmSilent', { ago: ago(w.lastSeenAt) })))
            .join(' ')}
          confirm={t('teamSignOff.confirm')}
          cancel={t('teamSignOff.cancel')}
          onAnswer={(yes) => (yes ? void signOff(asking.day) : setAsking(null))}
        />
      )}
    </section>
  );
}
