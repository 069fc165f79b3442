import type { MeasureView } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { measureImproved, showMeasureValue as show } from '../stats/measureEffect';


/** 优化措施表 as printed: each measure in force in the period, with its figure before and after its start, up to the period's last day. */
export function ReportMeasures({ measures, until }: { measures: MeasureView[]; until: string }) {
  const { t } = useI18n();
  if (measures.length === 0) return <p className="muted">{t('report.measuresNone')}</p>;
  return (
    <>
      {/* The effect of a past period is judged by that period: days after its end are not in the "after" window. */}
      <p className="muted" data-testid="report-effect-until">
        {t('report.effectUntil', { to: until })}
      </p>
      <table className="report-table measures" data-testid="report-measures">
        <thead>
          <tr>
            <th>{t('measures.problem')}</th>
            <th>{t('measures.rootCause')}</th>
            <th>{t('measures.measure')}</th>
            <th>{t('measures.owner')}</th>
            <th className="nowrap">
              {t('measures.startDate')} – {t('measures.deadline')}
            </th>
          </tr>
        </thead>
        {/* One body per measure: its effect on a line of its own below it, and the two never split across pages. */}
        {measures.map((m) => {
          const { before, after } = m.effect;
          const better = measureImproved(m);
          return (
            <tbody key={m.id}>
              <tr>
                <td>{m.problem}</td>
                <td>{m.rootCause}</td>
                <td>{m.measure}</td>
                <td>{m.owner}</td>
                <td className="nowrap">
                  {m.startDate} – {m.deadline}
                </td>
              </tr>
              <tr className="effect">
                <td colSpan={5}>
                  {t('measures.effect')}: {t(`measures.metric.${m.metric}` as MessageKey)} {show(m.metric, before)} → {show(m.metric, after)}{' '}
                  {better !== null && <strong className={better ? 'better' : 'worse'}>{better ? t('measures.better') : t('measures.notBetter')}</strong>}{' '}
                  <span className="muted">({t('report.effectWindows', { before: m.effect.beforeRange.join(' – '), after: m.effect.afterRange.join(' – ') })})</span>
                </td>
              </tr>
            </tbody>
          );
        })}
      </table>
    </>
  );
}
