import type { PeriodReport } from '../../../../shared/api/report';
import type { Kpis, StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { usePolicies } from '../policy/usePolicies';
import { AgentsTable, FollowUpsTable, TopReasonsTable, TransfersTable } from '../stats/PeriodTables';
import { change, num, pct } from './format';

const SHARES = new Set<keyof Kpis>(['responseCompliance', 'resolutionRate', 'satisfaction']);
const KPI_ROWS: Array<[keyof Kpis, MessageKey]> = [
  ['calls', 'stats.kpi.calls'],
  ['answered', 'stats.kpi.answered'],
  ['responseCompliance', 'stats.kpi.responseCompliance'],
  ['avgResponseMin', 'stats.kpi.avgResponseMin'],
  ['resolutionRate', 'stats.kpi.resolutionRate'],
  ['satisfaction', 'stats.kpi.satisfaction'],
  ['breachesPer100', 'stats.kpi.breachesPer100'],
];

/** The headline figures of the period, beside the compared period's and the change, as the Statistics screen computes them. */
export function HeadlineTable({ report, labelA, labelB }: { report: PeriodReport; labelA: string; labelB: string }) {
  const { t } = useI18n();
  const a = report.stats;
  const b = report.compare?.stats;
  const show = (key: keyof Kpis, x: number | null) => (SHARES.has(key) ? pct(x) : num(x));
  const spread = (s: StatsReport) => `${num(s.response.medianMin)} / ${num(s.response.p90Min)} / ${num(s.response.maxMin)}`;
  return (
    <table className="report-table headline" data-testid="report-kpis">
      <thead>
        <tr>
          <th />
          <th className="num">{labelA}</th>
          {b && <th className="num">{labelB}</th>}
          {b && <th className="num">{t('report.change')}</th>}
        </tr>
      </thead>
      <tbody>
        {KPI_ROWS.map(([key, label]) => (
          <tr key={key} data-kpi={key}>
            <th scope="row">{t(label)}</th>
            <td className="num">{show(key, a.kpis[key])}</td>
            {b && <td className="num">{show(key, b.kpis[key])}</td>}
            {b && <td className="num">{change(a.kpis[key], b.kpis[key], SHARES.has(key))}</td>}
          </tr>
        ))}
        <tr>
          <th scope="row">{t('report.kpi.responseFigures')}</th>
          <td className="num">{spread(a)}</td>
          {b && <td className="num">{spread(b)}</td>}
          {b && <td />}
        </tr>
        <tr>
          <th scope="row">{t('report.kpi.breachedRecords')}</th>
          <td className="num">{report.breaches.total}</td>
          {report.compare && <td className="num">{report.compare.breachTotal}</td>}
          {report.compare && <td className="num">{change(report.breaches.total, report.compare.breachTotal, false)}</td>}
        </tr>
      </tbody>
    </table>
  );
}

/**
 * Per priority and per category (against its target), then per agent, of the
 * period; with a compared period, its rate (and each agent's calls and misses)
 * in a column beside, so that a change per line can be read off the page.
 */
export function ReportTables({ s, b }: { s: StatsReport; b: StatsReport | null }) {
  const { t, lang } = useI18n();
  const priorityB = (key: string) => b?.complianceByPriority.find((p) => p.priority === key);
  const categoryB = (key: string) => b?.resolutionByCategory.find((c) => c.category === key);
  const compared = b ? <th className="num">{t('report.col.compared')}</th> : null;
  const { current } = usePolicies();
  const level = (key: string) => current?.policy.priorities.find((l) => l.key === key)?.label[lang] ?? (key || '—');
  return (
    <>
      {/* Full width: with the compared period's column each of these two is wider than half an A4 page. */}
      <div className="report-stack">
        <section>
          <h3>{t('stats.complianceByPriority')}</h3>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('field.priority')}</th>
                <th className="num">{t('report.col.calls')}</th>
                <th className="num">{t('report.col.met')}</th>
                <th className="num">{t('report.col.missed')}</th>
                <th className="num">{t('report.col.running')}</th>
                <th className="num">{t('report.col.rate')}</th>
                {compared}
              </tr>
            </thead>
            <tbody>
              {s.complianceByPriority.map((p) => (
                <tr key={p.priority}>
                  <td>{level(p.priority)}</td>
                  <td className="num">{p.calls}</td>
                  <td className="num">{p.met}</td>
                  <td className="num">{p.breached}</td>
                  <td className="num">{p.open}</td>
                  <td className="num">{pct(p.rate)}</td>
                  {b && <td className="num">{pct(priorityB(p.priority)?.rate ?? null)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>{t('stats.resolutionByCategory')}</h3>
          <table className="report-table" data-testid="report-categories">
            <thead>
              <tr>
                <th>{t('field.category')}</th>
                <th className="num">{t('report.col.decided')}</th>
                <th className="num">{t('report.col.inTarget')}</th>
                <th className="num">{t('report.col.rate')}</th>
                {compared}
                <th className="num">{t('report.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {s.resolutionByCategory.map((c) => (
                <tr key={c.category} className={c.below ? 'below' : undefined}>
                  <td>
                    {t(`category.${c.category}` as MessageKey)}
                    {c.below && <strong>▼ {t('stats.below')}</strong>}
                  </td>
                  <td className="num">{c.decided}</td>
                  <td className="num">{c.resolvedInTarget}</td>
                  <td className="num">{pct(c.rate)}</td>
                  {b && <td className="num">{pct(categoryB(c.category)?.rate ?? null)}</td>}
                  <td className="num">{c.target === null ? '—' : `${c.target} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section>
        <h3>{t('stats.agents')}</h3>
        <AgentsTable s={s} b={b} className="report-table" testId="report-agents" />
      </section>
      <div className="report-pair">
        <section>
          <h3>{t('stats.topReasons')}</h3>
          <TopReasonsTable s={s} className="report-table" />
        </section>
        <section>
          <h3>{t('stats.transfers')}</h3>
          <TransfersTable s={s} className="report-table" />
          <h3>{t('stats.followUps')}</h3>
          <FollowUpsTable s={s} className="report-table" />
        </section>
      </div>
    </>
  );
}
