import { useCallback, useEffect, useRef, useState } from 'react';
import { BOARD_QUEUE_STALE_MS, type TeamBoard } from '../../../../shared/api/board';
import type { MessageKey } from '../../../../shared/i18n';
import { api, events } from '../../api';
import { useI18n } from '../../i18n';
import { Drawer } from '../../components/Drawer';
import { usePolicies } from '../policy/usePolicies';
import { TeamRecordPanel } from '../review/TeamRecordPanel';
import { serverClock, spanText } from './countdown';
import { TeamSignOffPanel } from '../teamSignOff/TeamSignOffPanel';

/** Pushes coming in a burst (twenty desks clicking) cost one read: the board reads again this long after the first. */
const COALESCE_MS = 150;

/**
 * The team board for leads: every desk's open calls with their running
 * countdowns (breached and near first), each desk's last contact, clock,
 * counts of today and its follow-ups, and the live queues the desks' phone
 * links report (waiting, longest wait, as of when; stale ones greyed). It reads the team server when a desk's
 * push is announced (LISTEN/NOTIFY through the event channel), and again after
 * a reconnect; countdowns tick on the server's clock.
 */
export function BoardScreen({ zone }: { zone: string }) {
  const { t, lang, errorText } = useI18n();
  const { current } = usePolicies();
  const [board, setBoard] = useState<{ view: TeamBoard; receivedAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  /** The team-wide follow-ups list: only the calls owed work after the call itself. */
  const [followUpsOnly, setFollowUpsOnly] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** A call clicked: its record as the team server holds it, over the board. */
  const [open, setOpen] = useState<{ deskCode: string; recordNo: string } | null>(null);

  const read = useCallback(() => {
    void api.teamBoard({}).then((r) => {
      if (!r.ok) return setError(errorText(r.error));
      setError(null);
      setBoard({ view: r.value, receivedAt: Date.now() });
    });
  }, [errorText]);

  useEffect(() => {
    read();
    const soon = () => {
      if (pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = null;
        read();
      }, COALESCE_MS);
    };
    const stops = [events.on('teamBoard', soon), events.onReconnect(read)];
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      for (const stop of stops) stop();
      clearInterval(tick);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [read]);

  const priorityLabel = (key: string | null) => (key === null ? '—' : (current?.policy.priorities.find((l) => l.key === key)?.label[lang] ?? key));
  const serverNow = board ? serverClock(board.view.serverNow, board.receivedAt, now) : now;
  const shownCalls = board ? board.view.calls.filter((c) => !followUpsOnly || c.followUp) : [];
  const ago = (at: number | null) => {
    if (at === null) return t('board.never');
    const seconds = Math.max(0, Math.round((serverNow - at) / 1000));
    return seconds < 120 ? t('board.secondsAgo', { seconds }) : t('board.minutesAgo', { minutes: Math.round(seconds / 60) });
  };
  return (
    <main className="board">
      <h2>{t('board.title')}</h2>
      <p className="muted">{t('board.serverClock')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {board && (
        <>
          {board.view.queues.length > 0 && (
            <section className="card">
              <h3>{t('board.queues')}</h3>
              <table className="board-queues" data-testid="board-queues">
                <thead>
                  <tr>
                    {(['board.queue', 'board.waiting', 'board.longestWait', 'board.available', 'board.asOf'] as MessageKey[]).map((k) => (
                      <th key={k}>{t(k)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {board.view.queues.map((q) => ({ ...q, stale: q.stale || serverNow - q.at > BOARD_QUEUE_STALE_MS })).map((q) => (
                    // Stale on the ticking server clock too: a desk that stops reporting sends no notice to re-read on.
                    <tr key={`${q.pbx}|${q.queue}`} data-queue={q.queue} className={q.stale ? 'silent' : undefined}>
                      <th scope="row" title={q.pbx}>
                        {q.queue}
                      </th>
                      <td data-col="waiting">{q.waiting}</td>
                      <td data-col="longestWait">{spanText(q.longestWaitSec * 1000)}</td>
                      <td data-col="available">{q.available ?? '—'}</td>
                      <td>
                        {ago(q.at)} <span className="muted">{t('board.queueFrom', { desk: q.deskCode })}</span>
                        {q.stale && <span className="tag">{t('board.stale')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <section className="card">
            <h3>{t('board.desks')}</h3>
            <table className="board-desks" data-testid="board-desks">
              <thead>
                <tr>
                  {(['board.desk', 'board.lastSeen', 'board.running', 'board.overdue', 'board.today', 'board.followUps'] as MessageKey[]).map((k) => (
                    <th key={k}>{t(k)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {board.view.desks.map((d) => (
                  <tr key={d.deskCode} data-desk={d.deskCode} className={d.silent ? 'silent' : undefined}>
                    <th scope="row">{d.deskCode}</th>
                    <td>
                      {ago(d.lastSeenAt)}
                      {d.silent && <span className="tag">{t('board.silent')}</span>}
                      {d.clockOff && <span className="tag warn">{t('board.clockOff', { seconds: Math.round((d.clockOffsetMs ?? 0) / 1000) })}</span>}
                    </td>
                    <td data-col="running">{d.running}</td>
                    <td data-col="overdue">{d.overdue}</td>
                    <td data-col="today">{d.today}</td>
                    <td data-col="followUps">{d.followUps}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h3>{t('board.calls')}</h3>
            <label className="board-filter">
              <input type="checkbox" checked={followUpsOnly} onChange={(e) => setFollowUpsOnly(e.target.checked)} /> {t('board.followUpsOnly')}
            </label>
            {shownCalls.length === 0 ? (
              <p className="muted">{t(followUpsOnly ? 'board.noneFollowUps' : 'board.none')}</p>
            ) : (
              <table className="board-calls" data-testid="board-calls">
                <thead>
                  <tr>
                    {(['board.desk', 'board.record', 'board.agent', 'board.priority', 'board.category', 'board.due'] as MessageKey[]).map((k) => (
                      <th key={k}>{t(k)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shownCalls.map((c) => {
                    const left = c.nextDueAt - serverNow;
                    const state = left < 0 ? 'breached' : c.state;
                    return (
                      <tr key={`${c.deskCode}/${c.recordNo}`} data-record={c.recordNo} data-state={state} className={`${state}${c.silent ? ' silent' : ''}`}>
                        <td>{c.deskCode}</td>
                        <td>
                          <button type="button" className="link" onClick={() => setOpen({ deskCode: c.deskCode, recordNo: c.recordNo })}>
                            {c.recordNo}
                          </button>
                        </td>
                        <td>{c.agent}</td>
                        <td>{priorityLabel(c.priority)}</td>
                        <td>{c.category ? t(`category.${c.category}` as MessageKey) : '—'}</td>
                        <td data-col="due">
                          {left >= 0 ? t('board.left', { time: spanText(left) }) : t('board.over', { time: spanText(left) })}
                          {c.followUp && <span className="tag">{t('board.followUp')}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
      {open && (
        <Drawer label={t('review.record')} onClose={() => setOpen(null)}>
          <TeamRecordPanel key={`${open.deskCode}/${open.recordNo}`} deskCode={open.deskCode} recordNo={open.recordNo} />
        </Drawer>
      )}
      <TeamSignOffPanel zone={zone} />
    </main>
  );
}
