import type { BreachList } from '../../../../shared/api/report';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { usePolicies } from '../policy/usePolicies';
import { localTime } from './format';

/** Breaches with their reasons: the count, the reasons across the period, the most recent records one by one. */
export function ReportBreaches({ breaches }: { breaches: BreachList }) {
  const { t, lang } = useI18n();
  const { current } = usePolicies();
  const level = (key: string | null) => current?.policy.priorities.find((l) => l.key === key)?.label[lang] ?? (key || '—');
  if (breaches.total === 0) return <p data-testid="report-breach-count">{t('report.breachesNone')}</p>;
  return (
    <>
      <p data-testid="report-breach-count">{t('report.breachesTotal', { total: breaches.total, shown: breaches.recent.length })}</p>
      <table className="report-table by-reason">
        <caption>{t('report.byReason')}</caption>
        <tbody>
          {breaches.byReason.map((r) => (
            <tr key={r.code}>
              <td>{t(`missReason.${r.code}` as MessageKey)}</td>
              <td className="num">{r.targets}</td>
            </tr>
          ))}
          <tr>
            <td>{t('report.withoutReason')}</td>
            <td className="num">{breaches.withoutReason}</td>
          </tr>
        </tbody>
      </table>
      <table className="report-table breaches" data-testid="report-breaches">
        <thead>
          <tr>
            <th>{t('report.col.record')}</th>
            <th>{t('report.col.time')}</th>
            <th>{t('app.agent')}</th>
            <th>{t('field.priority')}</th>
            <th>{t('field.reason')}</th>
            <th>{t('report.col.missedTarget')}</th>
            <th>{t('report.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {breaches.recent.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">{b.recordNo}</td>
              <td className="nowrap">{localTime(b.callAt, b.timeZone)}</td>
              <td>{b.agent || t('app.noAgent')}</td>
              <td>{level(b.priority)}</td>
              <td>{b.reason ?? '—'}</td>
              <td>
                {b.missed.map((m) => (
                  <div key={`${m.kind}-${m.index}`}>
                    {t(`target.${m.kind}` as MessageKey)}
                    {m.kind === 'secondResponse' && ` ${m.index + 1}`}
                  </div>
                ))}
              </td>
              <td>
                {b.missed.map((m) => (
                  <div key={`${m.kind}-${m.index}`} className={m.reason ? undefined : 'muted'}>
                    {m.reason ? `${t(`missReason.${m.reason.code}` as MessageKey)}${m.reason.text ? ` — ${m.reason.text}` : ''}` : t('report.noReason')}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
