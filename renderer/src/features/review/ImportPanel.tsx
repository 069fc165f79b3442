import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/api/archive';
import type { ImportCheck, ImportProgress } from '../../../../shared/api/importCheck';
import type { ApiError, ApiResult } from '../../../../shared/api/result';
import { api, files } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { ImportCheckView } from './ImportCheckView';
import { ImportOutcome } from './ImportOutcome';

type Action = 'check' | 'import';
type Shown = { kind: 'check'; check: ImportCheck } | { kind: 'result'; result: ImportResult } | null;

/**
 * Import (team leads): an exported .xlsx/.csv or one of the seeds' sheets.
 * "Check first" reads the file and writes nothing: the layout, the columns,
 * the first rows as they would be stored and every problem and note; "Import
 * this file" then imports the very file checked, by the check's handle.
 * Import alone does both at once. A file with any problem imports nothing;
 * records already present are left alone, so importing twice changes nothing.
 */
export function ImportPanel({ deskZone, onImported }: { deskZone: string; onImported: () => void }) {
  const { t, errorText } = useI18n();
  const picker = useRef<HTMLInputElement>(null);
  // Which button opened the browser's file picker: its change event does not say.
  const picking = useRef<Action>('import');
  const [zone, setZone] = useState(deskZone);
  const [busy, setBusy] = useState<{ action: Action; file: string } | null>(null);
  const [shown, setShown] = useState<Shown>(null);
  const [error, setError] = useState<{ text: string; field?: string | undefined } | null>(null);
  const zones = useMemo(() => zoneChoices(deskZone), [deskZone]);
  const [progress, setProgress] = useState<ImportProgress | null>(null);

  // While a file is read (in the bulk worker), the rows read so far and a Cancel, asked for every 300 ms.
  useEffect(() => {
    setProgress(null);
    if (busy === null) return;
    const timer = setInterval(() => {
      void api.importProgress({}).then((r) => r.ok && setProgress(r.value));
    }, 300);
    return () => clearInterval(timer);
  }, [busy]);

  /** Runs one request with the progress line and the error next to the card; false when it failed. */
  const attempt = async <T,>(action: Action, fileName: string, request: () => Promise<ApiResult<T>>, done: (value: T) => void) => {
    setError(null);
    setBusy({ action, file: fileName });
    try {
      const r = await request();
      if (!r.ok) return fail(r.error);
      done(r.value);
    } finally {
      setBusy(null);
    }
  };
  const fail = (e: ApiError) => setError({ text: errorText(e), field: e.field });
  const showResult = (result: ImportResult | null) => {
    if (!result) return;
    setShown({ kind: 'result', result });
    if (result.imported > 0) onImported();
  };
  const showCheck = (check: ImportCheck | null) => check && setShown({ kind: 'check', check });

  /** A new file: the desktop asks with its own dialog (upload undefined); browser mode has uploaded it. */
  const start = async (action: Action, file: File | null) => {
    let upload: string | undefined;
    if (file) {
      setBusy({ action, file: file.name });
      const sent = await files.upload(file);
      setBusy(null);
      if (!sent.ok) return fail(sent.error);
      upload = sent.value.upload;
    }
    const request = { ...(upload ? { upload } : {}), timeZone: zone };
    setShown(null);
    if (action === 'check') await attempt('check', file?.name ?? '…', () => api.checkImport(request), showCheck);
    else await attempt('import', file?.name ?? '…', () => api.importArchive(request), showResult);
  };
  const choose = (action: Action) => {
    if (files.desktop) return void start(action, null);
    picking.current = action;
    picker.current?.click();
  };
  const importChecked = (check: ImportCheck) => attempt('import', check.fileName, () => api.importArchive({ check: check.check }), showResult);
  // A checked file is read again in the newly chosen zone at once, so the lead sees what the zone does before importing.
  const changeZone = (next: string) => {
    setZone(next);
    if (shown?.kind === 'check') {
      const { check } = shown;
      void attempt('check', check.fileName, () => api.checkImport({ check: check.check, timeZone: next }), showCheck);
    }
  };

  return (
    <div className="archive-import" data-testid="import-panel">
      <div className="inline">
        <Field id="import-zone" label={t('importCheck.zone')} error={error?.field === 'timeZone' ? error.text : undefined}>
          <select id="import-zone" value={zone} disabled={busy !== null} onChange={(e) => changeZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z === deskZone ? t('importCheck.deskZone', { zone: z }) : z}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" disabled={busy !== null} onClick={() => choose('check')}>
          {t('importCheck.check')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => choose('import')}>
          {t('archive.import')}
        </button>
      </div>
      <p className="muted">{t('importCheck.hint')}</p>
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
            if (file) void start(picking.current, file);
          }}
        />
      )}
      {busy !== null && (
        <p className="archive-progress" aria-live="polite">
          <progress aria-label={t(busy.action === 'check' ? 'importCheck.checking' : 'archive.importing', { file: busy.file })} />{' '}
          {t(busy.action === 'check' ? 'importCheck.checking' : 'archive.importing', { file: busy.file })}
          {progress && <span data-testid="import-progress"> {progress.writing ? t('archive.importWriting', { written: progress.written, toWrite: progress.toWrite }) : t('archive.importRows', { rows: progress.rowsRead })}</span>}
          {progress && !progress.cancelling && (
            <>
              {' '}
              <button type="button" onClick={() => void api.cancelImport({})}>
                {t('archive.cancelImport')}
              </button>
            </>
          )}
        </p>
      )}
      {shown?.kind === 'check' && <ImportCheckView check={shown.check} deskZone={deskZone} busy={busy !== null} onImport={() => void importChecked(shown.check)} onClose={() => setShown(null)} />}
      {shown?.kind === 'result' && <ImportOutcome result={shown.result} />}
      {error && error.field !== 'timeZone' && (
        <p className="field-error" role="alert">
          {error.text}
        </p>
      )}
    </div>
  );
}

/** Every IANA zone the browser knows, the desk's first (also when the list spells it differently). */
function zoneChoices(deskZone: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [deskZone, ...all.filter((z) => z !== deskZone)];
}
