import { useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/api/archive';
import { api, files } from '../../api';
import { useI18n } from '../../i18n';

/**
 * Import (team leads): an exported .xlsx/.csv or a sheet laid out like the
 * paper record sheet. Every row is checked first; a file with any bad row
 * imports nothing and the report lists each row, column and reason. Records
 * already present are left alone, so importing twice changes nothing.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t, errorText } = useI18n();
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (file: File | null) => {
    setError(null);
    setResult(null);
    setBusy(file?.name ?? '…');
    try {
      let upload: string | undefined;
      if (file) {
        const sent = await files.upload(file);
        if (!sent.ok) return setError(errorText(sent.error));
        upload = sent.value.upload;
      }
      const r = await api.importArchive(upload ? { upload } : {});
      if (!r.ok) return setError(errorText(r.error));
      setResult(r.value);
      if (r.value && r.value.imported > 0) onImported();
    } finally {
      setBusy(null);
    }
  };
  // The desktop app opens its own dialog in the main process; the page picks a file itself only in browser mode.
  const choose = () => (files.desktop ? void run(null) : picker.current?.click());

  return (
    <div className="archive-import" data-testid="import-panel">
      <button type="button" disabled={busy !== null} onClick={choose}>
        {t('archive.import')}
      </button>
      {!files.desktop && (
        <input
          ref={picker}
          type="file"
          accept=".xlsx,.csv"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            e.target.value = '';
            if (file) void run(file);
          }}
        />
      )}
      {busy !== null && (
        <p className="archive-progress" aria-live="polite">
          <progress aria-label={t('archive.importing', { file: busy })} /> {t('archive.importing', { file: busy })}
        </p>
      )}
      {result && <ImportReport result={result} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  if (result.problemCount > 0) {
    return (
      <div className="import-report" role="alert" data-testid="import-report">
        <p className="field-error">{t('archive.problems', { file: result.fileName, n: result.problemCount })}</p>
        <table className="import-problems">
          <thead>
            <tr>
              <th>{t('archive.problem.row')}</th>
              <th>{t('archive.problem.column')}</th>
              <th>{t('archive.problem.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i}>
                <td>{[p.sheet, p.row > 0 ? p.row : ''].filter(Boolean).join(' · ')}</td>
                <td>{p.column}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.problemCount > result.problems.length && <p className="muted">{t('archive.moreProblems', { n: result.problemCount - result.problems.length })}</p>}
      </div>
    );
  }
  return (
    <div className="import-report" data-testid="import-report">
      <p className="saved-note">
        {result.imported === 0
          ? t('archive.nothingNew', { file: result.fileName, n: result.skipped })
          : t('archive.imported', { file: result.fileName, n: result.imported, steps: result.steps, skipped: result.skipped })}
      </p>
      {result.ignoredColumns.length > 0 && <p className="muted">{t('archive.ignored', { columns: result.ignoredColumns.join(', ') })}</p>}
    </div>
  );
}
