import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { FEEDBACKS, RESULTS } from '../../../../shared/domain/fields';
import { usePolicies } from '../policy/usePolicies';
import { ChartLegend } from './ChartLegend';
import { axisLabel, byCategory, inCategoryOrder, ordered, pair, pctValue, type Row } from './chartRows';

const A = '#1f5fbf';
const B = '#9aa7bd';
const TARGET = '#e0b341';
/** Series in the order declared (the period, then the compared one), named in the page's language. */
const legend = <Legend content={<ChartLegend />} itemSorter={null} />;

function ChartCard({ title, children, testId, wide = false }: { title: string; children: React.ReactNode; testId?: string; wide?: boolean }) {
  return (
    <section className={wide ? 'card chart wide' : 'card chart'} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** Days as MM-DD; every one labelled while they fit a card (a week, two), else Recharts spaces them out; padded so that the last is not cut at the edge. */
const dateAxis = (days: number) => ({ tickFormatter: (d: string) => d.slice(5), interval: days <= 14 ? 0 : ('preserveStartEnd' as const), fontSize: 12, padding: { left: 16, right: 16 } });

/** Every chart of the Statistics screen; period B, when given, is drawn beside period A. */
export function Charts({ a, b, labelA, labelB }: { a: StatsReport; b?: StatsReport | undefined; labelA: string; labelB: string }) {
  const { t, lang } = useI18n();
  const { current } = usePolicies();
  const levels = current?.policy.priorities ?? [];
  const level = (key: string) => (key === '' ? t('chart.notSet') : (levels.find((l) => l.key === key)?.label[lang] ?? key));
  const result = (key: string) => (key === 'none' ? t('chart.notSet') : axisLabel(t(`result.${key}` as MessageKey)));
  const bars = (data: Row[], unit = '') => (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        {/* Every category labelled: Recharts would drop the labels it finds crowded. */}
        <XAxis dataKey="key" interval={0} fontSize={12} />
        <YAxis unit={unit} />
        <Tooltip />
        {legend}
        <Bar dataKey="a" name={labelA} fill={A} isAnimationActive={false} />
        {b && <Bar dataKey="b" name={labelB} fill={B} isAnimationActive={false} />}
      </BarChart>
    </ResponsiveContainer>
  );
  return (
    <div className="charts">
      <ChartCard title={t('stats.volumeByDay')}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={a.volumeByDay}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" {...dateAxis(a.volumeByDay.length)} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Line dataKey="calls" name={labelA} stroke={A} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      {/* 24 hours and ten buckets (120–240): two columns wide, so that every label stands apart. */}
      <ChartCard title={t('stats.volumeByHour')} wide>{bars(pair(a.volumeByHour, b?.volumeByHour, (h) => h.hour, (h) => h.calls))}</ChartCard>
      <ChartCard title={t('stats.responseHistogram')} testId="chart-response" wide>
        {bars(pair(a.response.histogram, b?.response.histogram, (h) => h.label, (h) => h.calls))}
        <p className="muted" data-testid="response-figures">
          {t('stats.responseFigures', { median: a.response.medianMin ?? '—', p90: a.response.p90Min ?? '—', max: a.response.maxMin ?? '—' })}
        </p>
      </ChartCard>
      <ChartCard title={t('stats.complianceByPriority')} testId="chart-priority">
        {bars(ordered(a.complianceByPriority, b?.complianceByPriority, (p) => p.priority, (p) => pctValue(p.rate), levels.map((l) => l.key), level, null), '%')}
      </ChartCard>
      <ChartCard title={t('stats.resolutionByCategory')} testId="chart-resolution">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={byCategory(a, b).map((c) => ({ ...c, key: t(`category.${c.category}` as MessageKey) }))}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Every category named; slanted, as six names such as "Consultation" do not fit side by side in a card. */}
            <XAxis dataKey="key" interval={0} angle={-30} textAnchor="end" height={56} fontSize={12} />
            <YAxis unit="%" domain={[0, 100]} />
            <Tooltip />
            {legend}
            <Bar dataKey="a" name={labelA} fill={A} isAnimationActive={false} />
            {b && <Bar dataKey="b" name={labelB} fill={B} isAnimationActive={false} />}
            <Bar dataKey="target" name={t('stats.target')} fill={TARGET} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <ul className="below-list">
          {inCategoryOrder(a.resolutionByCategory).map((c) => (
            <li key={c.category} className={c.below ? 'below' : undefined}>
              {t(`category.${c.category}` as MessageKey)}: {pctValue(c.rate) ?? '—'} %{c.target !== null && ` / ${c.target} %`}
              {c.below && <strong> ▼ {t('stats.below')}</strong>}
            </li>
          ))}
        </ul>
      </ChartCard>
      <ChartCard title={t('stats.results')} testId="chart-results">
        {bars(ordered(a.results, b?.results, (r) => r.result, (r) => r.calls, RESULTS, result))}
      </ChartCard>
      <ChartCard title={t('stats.satisfaction')} testId="chart-feedback">
        {bars(ordered(a.satisfaction, b?.satisfaction, (f) => f.feedback, (f) => f.calls, FEEDBACKS, (f) => t(`feedback.${f}` as MessageKey)))}
      </ChartCard>
      <ChartCard title={t('stats.scores')}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={a.scoresByDay}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" {...dateAxis(a.scoresByDay.length)} />
            <YAxis domain={[1, 5]} />
            <Tooltip />
            {legend}
            <Line dataKey="speed" name={t('field.scoreSpeed')} stroke="#1f5fbf" isAnimationActive={false} />
            <Line dataKey="professionalism" name={t('field.scoreProfessionalism')} stroke="#1e7b34" isAnimationActive={false} />
            <Line dataKey="resolution" name={t('field.scoreResolution')} stroke="#b3261e" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
