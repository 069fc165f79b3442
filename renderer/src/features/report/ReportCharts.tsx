import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { FEEDBACKS, RESULTS } from '../../../../shared/domain/fields';
import { usePolicies } from '../policy/usePolicies';
import { ChartLegend } from '../stats/ChartLegend';
import { byCategory, ordered, pair, type Row } from '../stats/chartRows';
import { pctValue } from './format';

/**
 * Print sizes are fixed: a ResponsiveContainer measures its box, which is 0
 * wide while the page is laid out for print, and the chart would print empty.
 * Two charts side by side fill the A4 text width (184 mm ≈ 695 CSS px).
 */
const W = 335;
const H = 190;
const WIDE = 690;
const A = '#1f5fbf';
const B = '#9aa7bd';
const MARGIN = { top: 6, right: 8, bottom: 22, left: 4 };

/**
 * Above the plot, in the series' own order (Recharts would sort the names, putting the compared period first),
 * named in the page's language (ChartLegend: Recharts' own says "legend icon" in English).
 */
const LEGEND = { verticalAlign: 'top', height: 16, iconSize: 8, wrapperStyle: { fontSize: 9 }, itemSorter: null, content: <ChartLegend /> } as const;
const TARGET = '#e0b341';

function Figure({ title, wide = false, children }: { title: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <figure className={wide ? 'report-chart wide' : 'report-chart'}>
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}

/** The Statistics screen's charts at print size, without animation (a print catches no second frame); period B beside A. */
export function ReportCharts({ a, b, labelA, labelB }: { a: StatsReport; b: StatsReport | null; labelA: string; labelB: string }) {
  const { t, lang } = useI18n();
  const { current } = usePolicies();
  // The same fixed orders as the Statistics screen: the policy's levels, the record's results, satisfied to unsatisfied.
  const levels = current?.policy.priorities ?? [];
  const level = (key: string) => (key === '' ? t('chart.notSet') : (levels.find((l) => l.key === key)?.label[lang] ?? key));
  const result = (key: string) => (key === 'none' ? t('chart.notSet') : t(`result.${key}` as MessageKey));
  const xLabel = (key: MessageKey) => ({ value: t(key), position: 'insideBottom' as const, offset: -14, fontSize: 10 });
  const yLabel = (key: MessageKey) => ({ value: t(key), angle: -90, position: 'insideLeft' as const, offset: 12, fontSize: 10, style: { textAnchor: 'middle' as const } });
  const bars = (data: Row[], x: MessageKey, y: MessageKey, { percent = false, width = W } = {}) => (
    <BarChart width={width} height={H} data={data} margin={MARGIN}>
      <CartesianGrid strokeDasharray="3 3" />
      {/* Every category labelled (level, bucket, result): none may be skipped on paper. */}
      <XAxis dataKey="key" interval={0} fontSize={9} label={xLabel(x)} />
      <YAxis fontSize={9} width={44} label={yLabel(y)} {...(percent ? { domain: [0, 100] } : { allowDecimals: false })} />
      {b && <Legend {...LEGEND} />}
      <Bar dataKey="a" name={labelA} fill={A} isAnimationActive={false} />
      {b && <Bar dataKey="b" name={labelB} fill={B} isAnimationActive={false} />}
    </BarChart>
  );
  const shortDate = (d: string) => d.slice(5);
  return (
    <div className="report-charts">
      <Figure title={t('stats.volumeByDay')}>
        <LineChart width={W} height={H} data={a.volumeByDay} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tickFormatter={shortDate} fontSize={9} interval="preserveStartEnd" minTickGap={8} label={xLabel('report.axis.date')} />
          <YAxis fontSize={9} width={44} allowDecimals={false} label={yLabel('report.axis.calls')} />
          <Line dataKey="calls" name={labelA} stroke={A} dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
      <Figure title={t('stats.volumeByHour')}>
        {bars(
          // The hours anybody called in: a night without calls would only crowd the axis.
          pair(a.volumeByHour, b?.volumeByHour, (h) => h.hour, (h) => h.calls).filter((h) => (h.a ?? 0) > 0 || (h.b ?? 0) > 0),
          'report.axis.hour',
          'report.axis.calls',
        )}
      </Figure>
      {/* Ten buckets with labels such as 120–240: the full text width keeps every one legible. */}
      <Figure title={t('stats.responseHistogram')} wide>
        {bars(pair(a.response.histogram, b?.response.histogram, (h) => h.label, (h) => h.calls), 'report.axis.minutes', 'report.axis.calls', { width: WIDE })}
      </Figure>
      <Figure title={t('stats.complianceByPriority')}>
        {bars(ordered(a.complianceByPriority, b?.complianceByPriority, (p) => p.priority, (p) => pctValue(p.rate), levels.map((l) => l.key), level, null), 'field.priority', 'report.axis.share', { percent: true })}
      </Figure>
      <Figure title={t('stats.satisfaction')}>
        {bars(ordered(a.satisfaction, b?.satisfaction, (f) => f.feedback, (f) => f.calls, FEEDBACKS, (f) => t(`feedback.${f}` as MessageKey)), 'field.feedback', 'report.axis.calls')}
      </Figure>
      {/*
        Full width: six categories with the compared period's bars and the target beside each, and English names
        such as "Consultation" that at half width ran into their neighbours.
      */}
      <Figure title={t('stats.resolutionByCategory')} wide>
        <BarChart width={WIDE} height={H} margin={MARGIN} data={byCategory(a, b).map((c) => ({ ...c, key: t(`category.${c.category}` as MessageKey) }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" interval={0} fontSize={9} label={xLabel('field.category')} />
          <YAxis fontSize={9} width={44} domain={[0, 100]} label={yLabel('report.axis.share')} />
          <Legend {...LEGEND} />
          <Bar dataKey="a" name={labelA} fill={A} isAnimationActive={false} />
          {b && <Bar dataKey="b" name={labelB} fill={B} isAnimationActive={false} />}
          <Bar dataKey="target" name={t('stats.target')} fill={TARGET} isAnimationActive={false} />
        </BarChart>
      </Figure>
      {/* Results have long names ("In progress (follow-up)"): the full width keeps them apart. */}
      <Figure title={t('stats.results')} wide>
        {bars(ordered(a.results, b?.results, (r) => r.result, (r) => r.calls, RESULTS, result), 'field.result', 'report.axis.calls', { width: WIDE })}
      </Figure>
      {/* A month of days at full width, the last row to itself (the half-width charts come in pairs above). */}
      <Figure title={t('stats.scores')} wide>
        <LineChart width={WIDE} height={H} data={a.scoresByDay} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tickFormatter={shortDate} fontSize={9} interval="preserveStartEnd" minTickGap={8} label={xLabel('report.axis.date')} />
          <YAxis fontSize={9} width={44} domain={[1, 5]} label={yLabel('report.axis.score')} />
          <Legend {...LEGEND} />
          <Line dataKey="speed" name={t('field.scoreSpeed')} stroke="#1f5fbf" dot={false} isAnimationActive={false} />
          <Line dataKey="professionalism" name={t('field.scoreProfessionalism')} stroke="#1e7b34" dot={false} isAnimationActive={false} />
          <Line dataKey="resolution" name={t('field.scoreResolution')} stroke="#b3261e" dot={false} isAnimationActive={false} />
        </LineChart>
      </Figure>
    </div>
  );
}
