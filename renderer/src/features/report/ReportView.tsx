import { useEffect, useRef, useState } from 'react';
import type { PeriodReport, ReportPeriod } from '../../../../shared/api/report';
import type { ApiError } from '../../../../shared/api/result';
import { api, files } from '../../api';
import { useI18n } from '../../i18n';
import { joinCodes, localTime, titleKey } from './format';
import { usePageFooter } from './pageFooter';
import { ReportBreaches } from './ReportBreaches';
import { ReportCharts } from './ReportCharts';
import { ReportMeasures } from './ReportMeasures';
import { HeadlineTable, ReportTables } from './ReportTables';
import { PhoneKpiBreakdowns, PhoneKpiTable } from '../stats/PhoneKpis';
import './print.css';

type Output = { state: 'idle' } | { state: 'working' } | { state: 'saved'; file: string } | { state: 'cancelled' } | { state: 'failed'; error: ApiError };

/**
 * The period report (weekly service report, monthly report to management):
 * one view for both outputs. The desktop app saves it as PDF through the main
 * process (printToPDF); browser mode opens the browser's print dialog. Either
 * way the page is printed with print.css and the @page rules of pageFooter.ts.
 * Output starts by itself once the report is laid out, as pressing *Print
 * report* asked; the bar above the report (not printed) can repeat it.
 */
export function ReportView({ period, compare, onClose }: { period: ReportPeriod; compare: ReportPeriod | null; onClose: () => void }) {
  const { t, lang, errorText } = useI18n();
  const [report, setReport] = useState<PeriodReport | null>(null);
  // Errors are kept as data and worded at render, so that a change of language neither refetches nor leaves them in the old one.
  const [error, setError] = useState<ApiError | null>(null);
  const [output, setOutput] = useState<Output>({ state: 'idle' });
  const started = useRef(false);

  useEffect(() => {
    let live = true;
    void api.getReport({ ...period, ...(compare ? { compareFrom: compare.from, compareTo: compare.to } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) setReport(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [period, compare]);

  const labelA = `${period.from} – ${period.to}`;
  const labelB = compare ? `${compare.from} – ${compare.to}` : '';
  const title = t(titleKey(period.from, period.to));
  const footer = report
    ? [
        `${t('report.period')} ${labelA}${compare ? ` ${t('report.footerCompare', { period: labelB })}` : ''}`,
        `${t('report.scope')}: ${t('report.scopeDesks', { codes: joinCodes(report.scope, lang) })} · ${t('report.generated', { name: report.generatedBy, at: localTime(report.generatedAt, report.timeZone) })}`,
      ]
    : null;
  usePageFooter(footer, t('report.page'));

  // The browser names a PDF saved from its print dialog after the page's title: the same name the desktop app suggests.
  useEffect(() => {
    const before = document.title;
    document.title = `hotline-report-${period.from}_${period.to}`;
    return () => {
      document.title = before;
    };
  }, [period]);

  const print = async () => {
    if (!files.desktop) {
      // The browser's own dialog: print to paper or "Save as PDF", with the same print CSS.
      window.print();
      return;
    }
    setOutput({ state: 'working' });
    const r = await api.printReport(period);
    if (!r.ok) setOutput({ state: 'failed', error: r.error });
    else setOutput(r.value ? { state: 'saved', file: r.value.file } : { state: 'cancelled' });
  };

  useEffect(() => {
    if (!report || started.current) return;
    started.current = true;
    // Fonts first (CJK glyphs come late), then one frame so that the charts' SVG is laid out before printing.
    void document.fonts.ready.then(() => requestAnimationFrame(() => void print()));
    // Once per opening of the view; print() reads only what this render fixed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report]);

  const shownError = error ?? (output.state === 'failed' ? output.error : null);
  return (
    <main className="report-screen">
      <div className="report-bar no-print" role="toolbar" aria-label={title}>
        <button type="button" onClick={onClose}>
          {t('report.back')}
        </button>
        <button type="button" className="primary" disabled={!report || output.state === 'working'} onClick={() => void print()}>
          {files.desktop ? t('report.savePdf') : t('report.printAgain')}
        </button>
        <span role="status" data-testid="report-status">
          {!report && !error && t('report.preparing')}
          {output.state === 'saved' && t('report.saved', { file: output.file })}
          {output.state === 'cancelled' && t('report.cancelled')}
        </span>
        {shownError && (
          <p className="error" role="alert">
            {errorText(shownError)}
          </p>
        )}
      </div>
      {report && (
        <article className="report" data-testid="report">
          <header className="report-head">
            <h1>{title}</h1>
            <p>
              {t('report.period')}: <strong>{labelA}</strong>
              {report.compare && (
                <>
                  {' '}
                  · {t('report.compare')}: <strong>{labelB}</strong>
                </>
              )}{' '}
              · {t('report.scope')}: <strong>{t('report.scopeDesks', { codes: joinCodes(report.scope, lang) })}</strong>
            </p>
            <p className="muted">{t('report.generated', { name: report.generatedBy, at: localTime(report.generatedAt, report.timeZone) })}</p>
          </header>
          <section className="report-section">
            <h2>{t('report.headline')}</h2>
            <HeadlineTable report={report} labelA={labelA} labelB={labelB} />
          </section>
          <section className="report-section">
            <PhoneKpiTable a={report.stats} b={report.compare?.stats ?? null} labelA={labelA} labelB={labelB} />
            <PhoneKpiBreakdowns s={report.stats} />
          </section>
          <section className="report-section">
            <h2>{t('report.charts')}</h2>
            <ReportCharts a={report.stats} b={report.compare?.stats ?? null} labelA={labelA} labelB={labelB} />
          </section>
          <section className="report-section">
            <h2>{t('report.tables')}</h2>
            <ReportTables s={report.stats} b={report.compare?.stats ?? null} />
          </section>
          <section className="report-section">
            <h2>{t('report.breaches')}</h2>
            <ReportBreaches breaches={report.breaches} />
          </section>
          <section className="report-section">
            <h2>{t('report.measures')}</h2>
            <ReportMeasures measures={report.measures} until={report.measuresUntil} />
          </section>
        </article>
      )}
    </main>
  );
}
