import type { StatsReport } from '../../shared/api/stats';
import { DICTIONARIES, translate } from '../../shared/i18n';
import type { Policy } from '../../shared/policy/schema';
import { formulaParams, phoneKpiLines } from '../../shared/telephony/kpiLines';
import type { PhoneFigures } from '../../shared/api/stats';
import type { CellValue } from './cells';
import type { ArchiveLang } from './types';
import { labelOf, priorityLabel } from './vocab';

/**
 * The summary sheet: the range's statistics from computeStats, the very
 * numbers `hotline stats` prints, as tables one under the other. Shares are
 * numbers from 0 to 1 shown as percentages; minutes are numbers.
 */

export interface SummaryRow {
  kind: 'title' | 'header' | 'data' | 'blank';
  cells: CellValue[];
  /** Columns holding a share (0–1), shown as a percentage. */
  percent?: number[];
}

const WORDS = {
  zh: {
    title: '热线记录统计',
    note: '本表为日期范围内全部记录的统计（与 hotline stats 相同），不受记录表其他筛选条件影响。',
    figure: '指标', value: '数值', median: '响应时长中位数(分钟)', p90: '响应时长 p90(分钟)', max: '最长响应(分钟)',
    priority: '优先级', calls: '来电量', met: '达标', breached: '未达标', open: '进行中', compliance: '达标率',
    category: '问题分类', decided: '已判定', resolvedInTarget: '时限内解决', rate: '解决率', target: '目标(%)', below: '低于目标',
    bucket: '响应时长(分钟)', agent: '客服', avgResponse: '平均响应(分钟)', openFollowUps: '待跟进',
    department: '部门', transfers: '转接次数', avgSecond: '平均二次响应(分钟)',
    reason: '来电事由', followUps: '跟进事项', overdue: '已超时', resolutions: '待解决', callbacks: '回访', leads: '主管跟进',
    day: '日期', result: '处理结果', feedback: '客户反馈', none: '（未填）', seconds: '（秒）',
  },
  en: {
    title: 'Hotline Log statistics',
    note: 'Figures for every record of the date range (as hotline stats prints them), whatever other filter the records sheet has.',
    figure: 'Figure', value: 'Value', median: 'Median response (min)', p90: 'p90 response (min)', max: 'Longest response (min)',
    priority: 'Priority', calls: 'Calls', met: 'Met', breached: 'Breached', open: 'Open', compliance: 'Compliance',
    category: 'Category', decided: 'Decided', resolvedInTarget: 'Resolved in target', rate: 'Rate', target: 'Target (%)', below: 'Below target',
    bucket: 'Response (min)', agent: 'Agent', avgResponse: 'Avg response (min)', openFollowUps: 'Open follow-ups',
    department: 'Department', transfers: 'Transfers', avgSecond: 'Avg second response (min)',
    reason: 'Call reason', followUps: 'Follow-ups', overdue: 'Overdue', resolutions: 'Resolutions', callbacks: 'Callbacks', leads: 'Team-lead follow-ups',
    day: 'Date', result: 'Result', feedback: 'Customer feedback', none: '(none)', seconds: ' (s)',
  },
} as const;

/** The summary sheet: the statistics' tables in their own order (every one breaks ties by name, so the same records give the same sheet). */
export function summaryRows(s: StatsReport, lang: ArchiveLang, policy: Policy): SummaryRow[] {
  const w = WORDS[lang];
  const d = DICTIONARIES[lang];
  const k = s.kpis;
  const rows: SummaryRow[] = [
    { kind: 'title', cells: [`${w.title} ${s.from} – ${s.to}`] },
    { kind: 'data', cells: [w.note] },
    { kind: 'blank', cells: [] },
  ];
  const table = (title: string, headers: string[], data: CellValue[][], percent: number[] = []) => {
    rows.push({ kind: 'title', cells: [title] }, { kind: 'header', cells: headers });
    for (const cells of data) rows.push({ kind: 'data', cells, percent });
    rows.push({ kind: 'blank', cells: [] });
  };

  rows.push({ kind: 'header', cells: [w.figure, w.value] });
  const kpi = (label: string, value: number | null, percent = false) => rows.push({ kind: 'data', cells: [label, value], percent: percent ? [1] : [] });
  kpi(d['stats.kpi.calls'], k.calls);
  kpi(d['stats.kpi.answered'], k.answered);
  kpi(d['stats.kpi.responseCompliance'], k.responseCompliance, true);
  kpi(d['stats.kpi.avgResponseMin'], k.avgResponseMin);
  kpi(w.median, s.response.medianMin);
  kpi(w.p90, s.response.p90Min);
  kpi(w.max, s.response.maxMin);
  kpi(d['stats.kpi.resolutionRate'], k.resolutionRate, true);
  kpi(d['stats.kpi.satisfaction'], k.satisfaction, true);
  kpi(d['stats.kpi.breachesPer100'], k.breachesPer100);
  rows.push({ kind: 'blank', cells: [] });

  // The call-centre KPIs: each figure with the calls it counts and its formula (issue 15); a share 0–1, else seconds.
  const p = s.phone;
  const params = formulaParams(p);
  /** A zero denominator reads "—" here as on the screen, never an empty cell that could pass for 0. */
  const dash = (x: number | null): CellValue => x ?? '—';
  rows.push(
    { kind: 'title', cells: [`${d['phoneKpi.title']}: ${translate(lang, 'phoneKpi.offered', { n: p.offered, ...params })}`] },
    { kind: 'header', cells: [d['phoneKpi.figure'], w.value, d['phoneKpi.basis'], d['phoneKpi.formula']] },
  );
  for (const line of phoneKpiLines(p)) {
    const label = `${d[`phoneKpi.${line.key}`]}${line.unit === 'sec' ? w.seconds : ''}`;
    rows.push({ kind: 'data', cells: [label, dash(line.value), line.basis, translate(lang, `phoneKpi.${line.key}.formula`, params)], percent: line.unit === 'share' ? [1] : [] });
  }
  rows.push({ kind: 'blank', cells: [] });
  const breakdownHead = [d['phoneKpi.offeredColumn'], d['phoneKpi.serviceLevel'], `${d['phoneKpi.asa']}${w.seconds}`, d['phoneKpi.abandonRate'], `${d['phoneKpi.aht']}${w.seconds}`, `${d['phoneKpi.wrapUp']}${w.seconds}`, `${d['phoneKpi.longestWait']}${w.seconds}`, d['phoneKpi.callbacks']];
  const breakdown = (f: PhoneFigures): CellValue[] => [f.offered, ...[f.serviceLevel, f.asaSec, f.abandonRate, f.ahtSec, f.wrapUpSec, f.longestWaitSec, f.callbackRate].map(dash)];
  table(d['phoneKpi.byHour'], [d['phoneKpi.hour'], ...breakdownHead], p.byHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, ...breakdown(h)]), [2, 4, 8]);
  table(d['phoneKpi.byAgent'], [d['phoneKpi.agent'], ...breakdownHead], p.byAgent.map((a) => [a.agent || d['phoneKpi.noAgent'], ...breakdown(a)]), [2, 4, 8]);
  table(d['phoneKpi.byDesk'], [d['phoneKpi.desk'], ...breakdownHead], p.byDesk.map((x) => [x.desk, ...breakdown(x)]), [2, 4, 8]);

  table(
    d['stats.complianceByPriority'].replace(/\s*\(%\)|\(%\)/, ''),
    [w.priority, w.calls, w.met, w.breached, w.open, w.compliance],
    s.complianceByPriority.map((p) => [p.priority === '' ? w.none : priorityLabel(lang, policy, p.priority), p.calls, p.met, p.breached, p.open, p.rate]),
    [5],
  );
  table(
    d['stats.resolutionByCategory'].replace(/\s*\(%\)|\(%\)/, ''),
    [w.category, w.decided, w.resolvedInTarget, w.rate, w.target, w.below],
    s.resolutionByCategory.map((c) => [labelOf(lang, 'category', c.category), c.decided, c.resolvedInTarget, c.rate, c.target, c.below ? w.below : null]),
    [3],
  );
  table(d['stats.responseHistogram'], [w.bucket, w.calls], s.response.histogram.map((b) => [b.label, b.calls]));
  table(d['stats.agents'], [w.agent, w.calls, w.avgResponse, w.breached, w.openFollowUps], s.agents.map((a) => [a.agent || d['app.noAgent'], a.calls, a.avgResponseMin, a.breaches, a.openFollowUps]));
  table(d['stats.transfers'], [w.department, w.transfers, w.avgSecond, w.breached], s.transfers.map((t) => [t.department, t.transfers, t.avgSecondResponseMin, t.breached]));
  table(d['stats.topReasons'], [w.reason, w.calls], s.topReasons.map((r) => [r.reason, r.calls]));
  const f = s.followUps;
  table(d['stats.followUps'], [w.followUps, w.open, w.overdue], [
    [w.resolutions, f.resolutionsOpen, f.resolutionsOverdue],
    [w.callbacks, f.callbacksOpen, f.callbacksOverdue],
    [w.leads, f.leadFollowUpsOpen, f.leadFollowUpsOverdue],
  ]);
  table(d['stats.results'], [w.result, w.calls], s.results.map((r) => [r.result === 'none' ? w.none : labelOf(lang, 'result', r.result), r.calls]));
  table(d['stats.satisfaction'], [w.feedback, w.calls], s.satisfaction.map((r) => [labelOf(lang, 'feedback', r.feedback), r.calls]));
  table(d['stats.volumeByDay'], [w.day, w.calls], s.volumeByDay.map((v) => [v.date, v.calls]));
  return rows;
}
