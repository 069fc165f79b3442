import { useEffect, useState } from 'react';
import type { StatsReport } from '../../../../shared/api/stats';
import { useTeamScope } from '../teamLink/useTeamScope';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { Charts } from './Charts';
import { MeasuresPanel } from './MeasuresPanel';
import { presetCompare, presetPeriod, PRESETS, previousPeriod, type Period, type Preset } from './periods';
import { KpiTable, StatsTables } from './Tables';
import { PhoneKpiBreakdowns, PhoneKpiTable } from './PhoneKpis';
import { ReportView } from '../report/ReportView';
import { useSession } from '../session/useSession';

/** Where Statistics opens: this week so far, against the same days of last week (a lead's usual question). */
const OPENING: Preset = 'week';

/** Statistics for a day, week, month or any range, with a second period beside it (the one before, by default). */
export function StatsScreen({ zone }: { zone: string }) {
  const { t, errorText } = useI18n();
  const [a, setA] = useState<Period>(() => presetPeriod(OPENING, zone));
  const [b, setB] = useState<Period | null>(() => presetCompare(OPENING, presetPeriod(OPENING, zone)));
  /** The preset the dates are, until they are changed by hand. */
  const [preset, setPreset] = useState<Preset | null>(OPENING);
  const [reports, setReports] = useState<{ a: StatsReport; b?: StatsReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { isLead } = useSession();
  /** Team scope (leads and admins on a desk that keeps a lead's URL): this desk's records, or the team's, all desks or one. */
  const teamScope = useTeamScope(isLead);
  const [scope, setScope] = useState<{ team: boolean; desk: string }>({ team: false, desk: '' });
  /** The periods the report was asked for, fixed when Print report was pressed. */
  const [printing, setPrinting] = useState<{ a: Period; b: Period | null } | null>(null);

  useEffect(() => {
    let live = true;
    const ask = (p: Period) => api.getStats({ ...p, ...(scope.team ? { scope: 'team' as const, ...(scope.desk ? { desks: [scope.desk] } : {}) } : {}) });
    void Promise.all([ask(a), b ? ask(b) : Promise.resolve(null)]).then(([ra, rb]) => {
      if (!live) return;
      if (!ra.ok) return setError(errorText(ra.error));
      setError(null);
      setReports({ a: ra.value, ...(rb && rb.ok ? { b: rb.value } : {}) });
    });
    return () => {
      live = false;
    };
  }, [a, b, scope, errorText]);

  const choose = (p: Period) => {
    setA(p);
    setPreset(null);
    if (b) setB(previousPeriod(p));
  };
  const choosePreset = (which: Preset) => {
    const p = presetPeriod(which, zone);
    setA(p);
    setPreset(which);
    if (b) setB(presetCompare(which, p));
  };
  const labelA = `${a.from} – ${a.to}`;
  const labelB = b ? `${b.from} – ${b.to}` : '';
  if (printing) return <ReportView period={printing.a} compare={printing.b} onClose={() => setPrinting(null)} />;
  return (
    <main className="stats">
      <section className="card inline">
        {PRESETS.map((p) => (
          <button key={p} type="button" aria-pressed={preset === p} className="preset" onClick={() => choosePreset(p)}>
            {t(`stats.preset.${p}` as MessageKey)}
          </button>
        ))}
        <Field id="st-from" label={t('review.from')}>
          <input id="st-from" type="date" value={a.from} onChange={(e) => choose({ ...a, from: e.target.value })} />
        </Field>
        <Field id="st-to" label={t('review.to')}>
          <input id="st-to" type="date" value={a.to} onChange={(e) => choose({ ...a, to: e.target.value })} />
        </Field>
        <label className="compare">
          <input type="checkbox" checked={b !== null} onChange={(e) => setB(e.target.checked ? (preset ? presetCompare(preset, a) : previousPeriod(a)) : null)} /> {t('stats.compare')}
        </label>
        {b && (
          <>
            <Field id="st-b-from" label={t('stats.compareFrom')}>
              <input id="st-b-from" type="date" value={b.from} onChange={(e) => setB({ ...b, from: e.target.value })} />
            </Field>
            <Field id="st-b-to" label={t('stats.compareTo')}>
              <input id="st-b-to" type="date" value={b.to} onChange={(e) => setB({ ...b, to: e.target.value })} />
            </Field>
          </>
        )}
        {teamScope.available && (
          <span className="stats-scope" role="group" aria-label={t('stats.scope')}>
            <button type="button" className="preset" aria-pressed={!scope.team} onClick={() => setScope({ team: false, desk: '' })}>
              {t('stats.scope.desk')}
            </button>
            <button type="button" className="preset" aria-pressed={scope.team} onClick={() => setScope({ ...scope, team: true })}>
              {t('stats.scope.team')}
            </button>
            {scope.team && (
              <Field id="st-desk" label={t('stats.scope.deskFilter')}>
                <select id="st-desk" value={scope.desk} onChange={(e) => setScope({ team: true, desk: e.target.value })}>
                  <option value="">{t('stats.scope.allDesks')}</option>
                  {teamScope.desks.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </span>
        )}
        {/* Last and apart (styles.css): between the compare box and its dates it read as part of the comparison. */}
        {isLead && (
          <button type="button" className="primary stats-print" onClick={() => setPrinting({ a, b })}>
            {t('report.print')}
          </button>
        )}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {reports && (
        <>
          <section className="card">
            <KpiTable a={reports.a} b={reports.b} labelA={labelA} labelB={labelB} />
          </section>
          <section className="card">
            <PhoneKpiTable a={reports.a} b={reports.b} labelA={labelA} labelB={labelB} />
          </section>
          <Charts a={reports.a} b={reports.b} labelA={labelA} labelB={labelB} />
          <StatsTables s={reports.a} />
          <PhoneKpiBreakdowns s={reports.a} />
        </>
      )}
      <MeasuresPanel />
    </main>
  );
}
