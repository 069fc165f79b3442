import type { Kpis, StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { AgentsTable, FollowUpsTable, TopReasonsTable, TransfersTable } from './PeriodTables';

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
  return (
    <div className="stats-tables">
      <section className="card">
        <h3>{t('stats.topReasons')}</h3>
        <TopReasonsTable s={s} className="follow-up-table" />
      </section>
      <section className="card">
        <h3>{t('stats.agents')}</h3>
        <AgentsTable s={s} className="follow-up-table" testId="agents-table" />
      </section>
      <section className="card">
        <h3>{t('stats.transfers')}</h3>
        <TransfersTable s={s} className="follow-up-table" />
      </section>
      <section className="card">
        <h3>{t('stats.followUps')}</h3>
        <FollowUpsTable s={s} className="follow-up-table" />
      </section>
    </div>
  );
}
