import { useEffect, useRef, useState } from 'react';
import type { ArchiveFormat, ArchiveLang, ExportJob } from '../../../../shared/api/archive';
import type { RequestOf } from '../../../../shared/api/contract';
import { api, events, files } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

export type ExportFilter = Omit<RequestOf<'startExport'>, 'format' | 'lang'>;

/**
 * Export to Excel: exactly the records the Review list shows (its filter), as
 * .xlsx (records, steps, summary) or .csv, in Chinese or English. A long export
 * shows its progress and can be cancelled; no half file is ever left.
 */
export function ExportPanel({ filter }: { filter: ExportFilter }) {
  const { t, lang, errorText } = useI18n();
  const [format, setFormat] = useState<ArchiveFormat>('xlsx');
  const [fileLang, setFileLang] = useState<ArchiveLang>(lang);
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const delivered = useRef<string | null>(null);
  const running = job?.state === 'running';
  const followed = running ? job.job : null;
  const filterKey = JSON.stringify(filter);

  // The file's headers follow the screen's language until chosen otherwise.
  useEffect(() => setFileLang(lang), [lang]);
  // A finished export's message belongs to the list it was made from.
  useEffect(() => {
    setJob((current) => (current?.state === 'running' ? current : null));
    setError(null);
  }, [filterKey]);

  // A running export is followed by its pushed events; it is read once when followed and again
  // whenever the event channel comes back, so an event missed meanwhile loses nothing.
  useEffect(() => {
    if (followed === null) return;
    const take = (next: ExportJob) => {
      if (next.job === followed) setJob((current) => laterOf(current, next));
    };
    const reread = () =>
      void api.exportStatus({ job: followed }).then((r) => {
        if (r.ok) take(r.value);
        else setError(errorText(r.error));
      });
    const stops = [events.on('exportProgress', take), events.on('exportFinished', take), events.onReconnect(reread)];
    reread();
    return () => stops.forEach((stop) => stop());
  }, [followed, errorText]);

  // Browser mode: the finished file is downloaded once, as soon as it is done.
  useEffect(() => {
    if (job?.state !== 'done' || !job.download || delivered.current === job.job) return;
    delivered.current = job.job;
    void files.download(job).then((r) => !r.ok && setError(errorText(r.error)));
  }, [job, errorText]);

  const start = async () => {
    setError(null);
    const r = await api.startExport({ ...filter, format, lang: fileLang });
    if (!r.ok) setError(errorText(r.error));
    else if (r.value) setJob(r.value);
  };
  const cancel = async () => {
    if (!job) return;
    const r = await api.cancelExport({ job: job.job });
    // The answer may come after the job's end was pushed: it must not bring the job back to running.
    if (r.ok) setJob((current) => laterOf(current, r.value));
  };

  // Voided records are never exported (the store refuses too): say so where the Export button would be.
  if (filter.state === 'voided') {
    return (
      <div className="archive-export" data-testid="export-panel">
        <p className="muted">{t('void.notExported')}</p>
      </div>
    );
  }

  return (
    <div className="archive-export" data-testid="export-panel">
      <div className="inline">
        <Field id="ex-format" label={t('archive.format')}>
          <select id="ex-format" value={format} disabled={running} onChange={(e) => setFormat(e.target.value as ArchiveFormat)}>
            <option value="xlsx">{t('archive.format.xlsx')}</option>
            <option value="csv">{t('archive.format.csv')}</option>
          </select>
        </Field>
        <Field id="ex-lang" label={t('archive.headers')}>
          <select id="ex-lang" value={fileLang} disabled={running} onChange={(e) => setFileLang(e.target.value as ArchiveLang)}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </Field>
        <button type="button" className="primary" disabled={running} onClick={() => void start()}>
          {t('archive.export')}
        </button>
        {running && (
          <button type="button" onClick={() => void cancel()}>
            {t('archive.cancel')}
          </button>
        )}
      </div>
      {job && <ExportProgress job={job} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Of two views of one job, the later: an end is never undone by a progress
 * view that was on its way meanwhile (an event, or a re-read's answer).
 */
function laterOf(current: ExportJob | null, next: ExportJob): ExportJob {
  if (!current || current.job !== next.job) return next;
  if (current.state !== 'running') return current;
  if (next.state !== 'running') return next;
  return next.done >= current.done ? next : current;
}

function ExportProgress({ job }: { job: ExportJob }) {
  const { t } = useI18n();
  if (job.state === 'running') {
    const share = job.total === 0 ? 0 : job.done / job.total;
    return (
      <p className="archive-progress" aria-live="polite">
        <progress max={1} value={share} aria-label={t('archive.exporting')} /> {t('archive.exporting')} {Math.floor(share * 100)} %
      </p>
    );
  }
  if (job.state === 'cancelled') return <p className="muted">{t('archive.cancelled')}</p>;
  if (job.state === 'failed') {
    return (
      <p className="field-error" role="alert">
        {job.error?.message}
      </p>
    );
  }
  const counts = { n: job.rows, steps: job.steps, file: job.savedTo ?? job.fileName };
  // A CSV has no steps sheet: its steps are in the records' Handling steps column.
  const csv = job.fileName.toLowerCase().endsWith('.csv');
  const key = job.savedTo ? (csv ? 'archive.savedCsv' : 'archive.saved') : csv ? 'archive.downloadedCsv' : 'archive.downloaded';
  return (
    <p className="saved-note" data-testid="export-done">
      {t(key, counts)}
    </p>
  );
}
