import { useCallback, useEffect, useState } from 'react';
import type { TeamInboxEntryView, TeamRecordView } from '../../../../shared/api/team';
import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api, events } from '../../api';
import { useI18n } from '../../i18n';
import { targetKey } from '../compliance/targetText';
import { RecordView } from './RecordView';
import { TeamActions } from './TeamActions';

/** While a change waits at its desk, the panel reads the server again this often: the desk's report of it is no push, so no event announces it. */
const PENDING_POLL_MS = 2_000;

/**
 * Another desk's record, opened from team scope (Review or the board): the
 * record as the team server holds it, read-only, with whose it is; what a lead
 * may send that desk through the team inbox; and each change sent, pending at
 * that desk until it has applied or refused it.
 */
export function TeamRecordPanel({ deskCode, recordNo }: { deskCode: string; recordNo: string }) {
  const { t, errorText } = useI18n();
  const [view, setView] = useState<TeamRecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = useCallback(() => {
    void api.teamRecord({ deskCode, recordNo }).then((r) => {
      if (!r.ok) return setError(errorText(r.error));
      setError(null);
      setView(r.value);
    });
  }, [deskCode, recordNo, errorText]);
  useEffect(() => {
    read();
    // The desk's push of an applied change is announced; read again then, and after a reconnect.
    const stops = [events.on('teamBoard', (n) => n.desk === deskCode && read()), events.onReconnect(read)];
    return () => stops.forEach((stop) => stop());
  }, [read, deskCode]);
  const pending = view?.inbox.some((e) => e.state === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const poll = setInterval(read, PENDING_POLL_MS);
    return () => clearInterval(poll);
  }, [pending, read]);

  if (!view) return error ? <p className="error" role="alert">{error}</p> : null;
  const zone = view.record.timeZone;
  return (
    <RecordView
      record={view.record}
      audit={view.audit}
      notice={
        <>
          <p className="muted" role="note" data-testid="team-record-owner">
            {t('teamRecord.owner', { desk: deskCode })}
          </p>
          {view.changedAfterSignOff && <p className="tag warn">{t('teamRecord.changedAfterSignOff')}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </>
      }
    >
      <TeamActions view={view} deskCode={deskCode} onSent={setView} />
      {view.inbox.length > 0 && (
        <section>
          <h3>{t('teamRecord.sent', { desk: deskCode })}</h3>
          <ul className="team-inbox" data-testid="team-inbox">
            {view.inbox.map((e) => (
              <li key={e.id} data-state={e.state}>
                {t('teamRecord.entry', { what: entryWhat(e, t), by: e.createdBy, at: localDateTime(e.createdAt, zone) })}:{' '}
                <strong>{stateText(e, deskCode, t)}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
    </RecordView>
  );
}

type T = ReturnType<typeof useI18n>['t'];

/** What a change was: the target and its reason, or the follow-up done and its outcome. */
export function entryWhat(e: TeamInboxEntryView, t: T): string {
  if (e.method === 'addMissReason' && e.kind) return `${t(targetKey({ kind: e.kind as never }))}: ${t(`missReason.${e.code}` as MessageKey)}${e.text ? ` — ${e.text}` : ''}`;
  if (e.method === 'completeFollowUp' && e.kind) return `${t(`followUps.kind.${e.kind}` as MessageKey)}: ${e.text ?? ''}`;
  return e.method;
}

function stateText(e: TeamInboxEntryView, desk: string, t: T): string {
  if (e.state === 'refused') return t('teamRecord.refused', { desk, why: e.refusal ?? '' });
  return t(e.state === 'applied' ? 'teamRecord.applied' : 'teamRecord.pending', { desk });
}
