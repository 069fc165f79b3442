import type { PhoneFigures, StatsReport } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { formulaParams, phoneKpiLines, showPhoneValue } from '../../../../shared/telephony/kpiLines';
import { useI18n } from '../../i18n';

/**
 * The call-centre KPIs (issue 15) of both periods: each figure with the count
 * of calls it was computed over and its formula, since call centres define
 * them differently; "—" where nothing was there to divide by. Statistics and
 * the period report show the same table.
 */
export function PhoneKpiTable({ a, b, labelA, labelB }: { a: StatsReport; b?: StatsReport | null | undefined; labelA: string; labelB: string }) {
  const { t } = useI18n();
  const inSeconds = (s: number) => t('desk.durationSec', { s });
  const params = formulaParams(a.phone);
  const linesB = b ? phoneKpiLines(b.phone) : null;
  return (
    <div data-testid="phone-kpis">
      <h3>{t('phoneKpi.title')}</h3>
      <p className="muted" data-testid="phone-offered">
        {t('phoneKpi.offered', { n: a.phone.offered, ...params })}
      </p>
      <table className="kpi-table phone-kpi-table">
        <thead>
          <tr>
            <th>{t('phoneKpi.figure')}</th>
            <th>{labelA}</th>
            <th>{t('phoneKpi.basis')}</th>
            {b && <th>{labelB}</th>}
            {b && <th>{t('phoneKpi.basis')}</th>}
            <th>{t('phoneKpi.formula')}</th>
          </tr>
        </thead>
        <tbody>
          {phoneKpiLines(a.phone).map((line, i) => (
            <tr key={line.key} data-phone-kpi={line.key}>
              <th scope="row">{t(`phoneKpi.${line.key}` as MessageKey)}</th>
              <td data-period="a">{showPhoneValue(line.value, line.unit, inSeconds)}</td>
              <td data-basis="a">{line.basis}</td>
              {linesB && <td data-period="b">{showPhoneValue(linesB[i]!.value, linesB[i]!.unit, inSeconds)}</td>}
              {linesB && <td data-basis="b">{linesB[i]!.basis}</td>}
              <td className="formula">{t(`phoneKpi.${line.key}.formula` as MessageKey, params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const pct = (x: number | null) => showPhoneValue(x, 'share');

/** One breakdown (by hour, agent or desk): a row per group with every KPI. */
function Breakdown({ title, head, rows, testId }: { title: string; head: string; rows: Array<{ label: string; f: PhoneFigures }>; testId: string }) {
  const { t } = useI18n();
  const sec = (x: number | null) => showPhoneValue(x, 'sec', (s) => t('desk.durationSec', { s }));
  if (rows.length === 0) return null;
  return (
    <section className="card">
      <h3>{title}</h3>
      <table className="follow-up-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{head}</th>
            <th>{t('phoneKpi.offeredColumn')}</th>
            <th>{t('phoneKpi.serviceLevel')}</th>
            <th>{t('phoneKpi.asa')}</th>
            <th>{t('phoneKpi.abandonRate')}</th>
            <th>{t('phoneKpi.aht')}</th>
            <th>{t('phoneKpi.wrapUp')}</th>
            <th>{t('phoneKpi.longestWait')}</th>
            <th>{t('phoneKpi.callbacks')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, f }) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{f.offered}</td>
              <td>{pct(f.serviceLevel)}</td>
              <td>{sec(f.asaSec)}</td>
              <td>{pct(f.abandonRate)}</td>
              <td>{sec(f.ahtSec)}</td>
              <td>{sec(f.wrapUpSec)}</td>
              <td>{sec(f.longestWaitSec)}</td>
              <td>{pct(f.callbackRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The KPIs of a period by hour of day, by agent and by desk: a table each, full width (nine columns). */
export function PhoneKpiBreakdowns({ s }: { s: StatsReport }) {
  const { t } = useI18n();
  const p = s.phone;
  return (
    <div className="phone-breakdowns">
      <Breakdown title={t('phoneKpi.byHour')} head={t('phoneKpi.hour')} testId="phone-by-hour" rows={p.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}:00`, f: h }))} />
      <Breakdown title={t('phoneKpi.byAgent')} head={t('phoneKpi.agent')} testId="phone-by-agent" rows={p.byAgent.map((a) => ({ label: a.agent || t('phoneKpi.noAgent'), f: a }))} />
      <Breakdown title={t('phoneKpi.byDesk')} head={t('phoneKpi.desk')} testId="phone-by-desk" rows={p.byDesk.map((d) => ({ label: d.desk, f: d }))} />
    </div>
  );
}
