import type { StatsReport } from '../../shared/api/stats';
import { computeStats } from '../stats';
import { sqliteStatsQueries } from '../store/statsQueries';
import { readTeamUrl } from '../durability/teamUrl';
import { openTeamScope } from '../team/scope';
import { TeamServerError } from '../teamStore/errors';
import { currentPolicy } from '../records/policies';
import { translate } from '../../shared/i18n';
import { formulaParams, phoneKpiLines, showPhoneValue } from '../../shared/telephony/kpiLines';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf, withStore } from './withStore';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null) => (x === null ? '—' : String(x));

/** A plain-text table: columns padded to their widest cell (CJK counted double, as terminals show it). */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uFFEF]/.test(ch) ? 2 : 1), 0);
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

export function formatStats(s: StatsReport): string {
  const k = s.kpis;
  return [
    `Hotline Log statistics ${s.from} – ${s.to}`,
    '',
    table(['figure', 'value'], [
      ['calls', k.calls],
      ['answered', k.answered],
      ['response compliance', pct(k.responseCompliance)],
      ['average response (min)', num(k.avgResponseMin)],
      ['median / p90 / max response (min)', `${num(s.response.medianMin)} / ${num(s.response.p90Min)} / ${num(s.response.maxMin)}`],
      ['resolution rate', pct(k.resolutionRate)],
      ['satisfaction', pct(k.satisfaction)],
      ['records with a missed target per 100 calls', num(k.breachesPer100)],
    ]),
    '',
    ...phoneLines(s),
    '',
    table(['priority', 'calls', 'met', 'breached', 'open', 'compliance'], s.complianceByPriority.map((p) => [p.priority || '—', p.calls, p.met, p.breached, p.open, pct(p.rate)])),
    '',
    table(['category', 'decided', 'resolved in target', 'rate', 'target', ''], s.resolutionByCategory.map((c) => [c.category, c.decided, c.resolvedInTarget, pct(c.rate), c.target === null ? '—' : `${c.target} %`, c.below ? 'BELOW TARGET' : ''])),
    '',
    table(['response (min)', 'calls'], s.response.histogram.map((b) => [b.label, b.calls])),
    '',
    table(['agent', 'calls', 'avg response (min)', 'breaches', 'open follow-ups'], s.agents.map((a) => [a.agent || '—', a.calls, num(a.avgResponseMin), a.breaches, a.openFollowUps])),
    '',
    table(['department', 'transfers', 'avg second response (min)', 'breached'], s.transfers.map((t) => [t.department, t.transfers, num(t.avgSecondResponseMin), t.breached])),
    '',
    table(['call reason', 'calls'], s.topReasons.map((r) => [r.reason, r.calls])),
    '',
    table(['follow-ups', 'open', 'overdue'], [
      ['resolutions', s.followUps.resolutionsOpen, s.followUps.resolutionsOverdue],
      ['callbacks', s.followUps.callbacksOpen, s.followUps.callbacksOverdue],
      ['team-lead follow-ups', s.followUps.leadFollowUpsOpen, s.followUps.leadFollowUpsOverdue],
    ]),
  ].join('\n');
}

/** The call-centre KPIs: each figure, the calls it counts and its formula, in the Statistics screen's English words. */
function phoneLines(s: StatsReport): string[] {
  const p = s.phone;
  const params = formulaParams(p);
  const en = (key: Parameters<typeof translate>[1], extra: Record<string, string | number> = {}) => translate('en', key, { ...params, ...extra });
  return [
    `${en('phoneKpi.title')}: ${en('phoneKpi.offered', { n: p.offered })}`,
    table(['figure', 'value', 'calls counted', 'formula'], phoneKpiLines(p).map((l) => [en(`phoneKpi.${l.key}`), showPhoneValue(l.value, l.unit), l.basis, en(`phoneKpi.${l.key}.formula`)])),
  ];
}

export const statsCommand: Command = {
  name: 'stats',
  summary: "a period's figures as a table, or as JSON (the same code as the Statistics screen)",
  usage: `hotline stats --from YYYY-MM-DD [--to YYYY-MM-DD] [--team [--desk CODE,…]] [--json] [--db PATH]

Prints call volume, response compliance and distribution, resolution rate by
category against its target, agents, transfers, call reasons and follow-ups for
the local dates from --from to --to inclusive, and the call-centre KPIs of the
calls the phone system saw (service level, ASA, abandon rate, AHT, wrap-up,
longest wait, callbacks within target) with their formulas. In --json:
kpis.serviceLevel and kpis.abandonRate (shares 0–1, null where nothing was
there to divide by), kpis.asaSec and kpis.ahtSec; the rest under phone.

  ${DB_HELP}
  --json      print the figures as JSON instead of tables (the same shape in team scope)
  --team      the whole team's figures, read from the team server with the lead's
              or admin's URL this desk joined with (hotline team join LEAD-URL),
              else $HOTLINE_TEAM_URL; the same code and figures as this desk's
  --desk      with --team: only these desks (codes, comma-separated)`,
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, team: { type: 'boolean' }, desk: { type: 'string' } },
  async run(values) {
    const from = values.from;
    // One day when --to is left out: `hotline stats --from 2026-12-02` is that day's figures.
    const to = values.to ?? from;
    if (typeof from !== 'string' || !DATE.test(from)) throw new UsageError('--from YYYY-MM-DD is needed');
    if (typeof to !== 'string' || !DATE.test(to)) throw new UsageError('--to must be a date, YYYY-MM-DD');
    if (to < from) throw new UsageError('--to is before --from');
    if (values.desk !== undefined && !values.team) throw new UsageError('--desk goes with --team');
    const scopeUrl = values.team ? (readTeamUrl(dbFileOf(values), undefined, 'scope') ?? process.env.HOTLINE_TEAM_URL ?? null) : null;
    if (values.team && !scopeUrl) throw new UsageError('--team needs a lead\'s or admin\'s URL: hotline team join LEAD-URL, or set HOTLINE_TEAM_URL');
    const desks = typeof values.desk === 'string' ? values.desk.split(',').map((d) => d.trim()).filter(Boolean) : undefined;
    const report = await withStore(values, async (store) => {
      const { policy } = await currentPolicy(store.db);
      const range = { from, to, now: Date.now() };
      if (!scopeUrl) return computeStats(sqliteStatsQueries(store.db), range, policy);
      const scope = openTeamScope(scopeUrl);
      try {
        return await computeStats(scope.stats(desks), range, policy);
      } catch (error) {
        if (error instanceof TeamServerError) throw new UsageError(`the team server: ${error.message}`);
        throw error;
      } finally {
        await scope.close();
      }
    });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStats(report)}\n`);
    return 0;
  },
};
