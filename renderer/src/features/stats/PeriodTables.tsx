import type { StatsReport } from '../../../../shared/api/stats';
import { useI18n } from '../../i18n';

/**
 * The tables the Statistics screen and the printed period report both show,
 * written once: the screen styles them as cards, the report as A4 tables
 * (`className`), and the report adds the compared period's figures (`b`).
 */

const num = (x: number | null) => (x === null ? '—' : String(x));

interface TableProps {
  s: StatsReport;
  className: string;
}

/** The most frequent call reasons with their call counts. */
export function TopReasonsTable({ s, className }: TableProps) {
  return (
    <table className={className}>
      <tbody>
        {s.topReasons.map((r) => (
          <tr key={r.reason}>
            <td>{r.reason}</td>
            <td className="num">{r.calls}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per agent: calls, average response, misses and open follow-ups; with `b`, the compared period's calls and misses beside. */
export function AgentsTable({ s, b, className, testId }: TableProps & { b?: StatsReport | null; testId: string }) {
  const { t } = useI18n();
  const agentB = (name: string) => b?.agents.find((a) => a.agent === name);
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          <th>{t('app.agent')}</th>
          <th className="num">{t('stats.kpi.calls')}</th>
          {b && <th className="num">{t('report.col.callsCompared')}</th>}
          <th className="num">{t('stats.kpi.avgResponseMin')}</th>
          <th className="num">{t('stats.breaches')}</th>
          {b && <th className="num">{t('report.col.missesCompared')}</th>}
          <th className="num">{t('stats.openFollowUps')}</th>
        </tr>
      </thead>
      <tbody>
        {s.agents.map((a) => (
          <tr key={a.agent}>
            <td>{a.agent || t('app.noAgent')}</td>
            <td className="num">{a.calls}</td>
            {b && <td className="num">{num(agentB(a.agent)?.calls ?? null)}</td>}
            <td className="num">{num(a.avgResponseMin)}</td>
            <td className="num">{a.breaches}</td>
            {b && <td className="num">{num(agentB(a.agent)?.breaches ?? null)}</td>}
            <td className="num">{a.openFollowUps}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Transfers by department with their second-response times and breaches. */
export function TransfersTable({ s, className }: TableProps) {
  const { t } = useI18n();
  return (
    <table className={className}>
      <thead>
        <tr>
          <th>{t('stats.department')}</th>
          <th className="num">{t('desk.transfers')}</th>
          <th className="num">{t('stats.avgSecondResponse')}</th>
          <th className="num">{t('stats.breaches')}</th>
        </tr>
      </thead>
      <tbody>
        {s.transfers.map((d) => (
          <tr key={d.department}>
            <td>{d.department}</td>
            <td className="num">{d.transfers}</td>
            <td className="num">{num(d.avgSecondResponseMin)}</td>
            <td className="num">{d.breached}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Open and overdue follow-ups by kind: resolutions, callbacks, team-lead follow-ups. */
export function FollowUpsTable({ s, className }: TableProps) {
  const { t } = useI18n();
  const f = s.followUps;
  const rows = [
    ['followUps.kind.resolution', f.resolutionsOpen, f.resolutionsOverdue],
    ['followUps.kind.callback', f.callbacksOpen, f.callbacksOverdue],
    ['followUps.kind.leadFollowUp', f.leadFollowUpsOpen, f.leadFollowUpsOverdue],
  ] as const;
  return (
    <table className={className}>
      <thead>
        <tr>
          <th />
          <th className="num">{t('stats.open')}</th>
          <th className="num">{t('stats.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, open, overdue]) => (
          <tr key={label}>
            <td>{t(label)}</td>
            <td className="num">{open}</td>
            <td className="num">{overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
