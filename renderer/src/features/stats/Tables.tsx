import type { Kpis, StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null) => (x === null ? '—' : String(x));

const KPI_ROWS: Array<[keyof Kpis, MessageKey, (x: number | null) => string]> = [
  ['calls', 'stats.kpi.calls', num],
  ['answered', 'stats.kpi.answered', num],
  ['responseCompliance', 'stats.kpi.responseCompliance', pct],
  ['avgResponseMin', 'stats.kpi.avgResponseMin', num],
  ['resolutionRate', 'stats.kpi.resolutionRate', pct],
  ['satisfaction', 'stats.kpi.satisfaction', pct],
  ['breachesPer100', 'stats.kpi.breachesPer100', num],
];

/** The headline figures of both periods, side by side. */
export function KpiTable({ a, b, labelA, labelB }: { a: StatsReport; b?: StatsReport | undefined; labelA: string; labelB: string }) {
  const { t } = useI18n();
  return (
    <table className="kpi-table" data-testid="kpis">
      <thead>
        <tr>
          <th />
          <th>{labelA}</th>
          {b && <th>{labelB}</th>}
        </tr>
      </thead>
      <tbody>
        {KPI_ROWS.map(([key, label, show]) => (
          <tr key={key} data-kpi={key}>
            <th scope="row">{t(label)}</th>
            <td>{show(a.kpis[key])}</td>
            {b && <td>{show(b.kpis[key])}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Call reasons, agents, transfers and follow-ups of period A. */
export function StatsTables({ s }: { s: StatsReport }) {
  const { t } = useI18n();
  const f = s.followUps;
  return (
    <div className="stats-tables">
      <section className="card">
        <h3>{t('stats.topReasons')}</h3>
        <table className="follow-up-table">
          <tbody>
            {s.topReasons.map((r) => (
              <tr key={r.reason}>
                <td>{r.reason}</td>
                <td className="num">{r.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{t('stats.agents')}</h3>
        <table className="follow-up-table" data-testid="agents-table">
          <thead>
            <tr>
              <th>{t('app.agent')}</th>
              <th>{t('stats.kpi.calls')}</th>
              <th>{t('stats.kpi.avgResponseMin')}</th>
              <th>{t('stats.breaches')}</th>
              <th>{t('stats.openFollowUps')}</th>
            </tr>
          </thead>
          <tbody>
            {s.agents.map((a) => (
              <tr key={a.agent}>
                <td>{a.agent}</td>
                <td className="num">{a.calls}</td>
                <td className="num">{num(a.avgResponseMin)}</td>
                <td className="num">{a.breaches}</td>
                <td className="num">{a.openFollowUps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{t('stats.transfers')}</h3>
        <table className="follow-up-table">
          <thead>
            <tr>
              <th>{t('stats.department')}</th>
              <th>{t('desk.transfers')}</th>
              <th>{t('stats.avgSecondResponse')}</th>
              <th>{t('stats.breaches')}</th>
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
      </section>
      <section className="card">
        <h3>{t('stats.followUps')}</h3>
        <table className="follow-up-table">
          <thead>
            <tr>
              <th />
              <th>{t('stats.open')}</th>
              <th>{t('stats.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{t('followUps.kind.resolution')}</td>
              <td className="num">{f.resolutionsOpen}</td>
              <td className="num">{f.resolutionsOverdue}</td>
            </tr>
            <tr>
              <td>{t('followUps.kind.callback')}</td>
              <td className="num">{f.callbacksOpen}</td>
              <td className="num">{f.callbacksOverdue}</td>
            </tr>
            <tr>
              <td>{t('followUps.kind.leadFollowUp')}</td>
              <td className="num">{f.leadFollowUpsOpen}</td>
              <td className="num">{f.leadFollowUpsOverdue}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  );
}
