import { DateTime } from 'luxon';
import type { ImportResult } from '../../../../shared/api/archive';
import type { ImportCheck } from '../../../../shared/api/importCheck';
import { importLayoutLabel } from '../../../../shared/i18n/importReasons';
import { useI18n } from '../../i18n';
import { ImportColumns } from './ImportColumns';
import { ImportIssues, InferredMoments } from './ImportIssues';
import { ImportPreview } from './ImportPreview';

/**
 * What "Check first" found, with nothing written: the layout in words, how
 * many rows would go in, the column mapping, the first rows as they would be
 * stored, the problems (which block the import) apart from the notes (which do
 * not), and the button that imports this very file.
 */
export function ImportCheckView(props: { check: ImportCheck; deskZone: string; busy: boolean; onImport: () => void; onClose: () => void }) {
  const { check, busy, onImport, onClose } = props;
  const { t, lang } = useI18n();
  const { report } = check;
  const blocked = report.problemCount > 0;
  const zone = report.zone ?? check.timeZone;
  const until = DateTime.fromMillis(check.expiresAt).setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB').toFormat('HH:mm');
  return (
    <div className="import-check" data-testid="import-check" aria-labelledby="import-check-title">
      <h4 id="import-check-title">{t('importCheck.title', { file: check.fileName })}</h4>
      <p data-testid="import-layout">{t('importCheck.layout', { layout: importLayoutLabel(lang, report.layout) })}</p>
      <p data-testid="import-counts">
        {t('importCheck.counts', { rows: report.rows, n: report.toImport, skipped: report.skipped })}{' '}
        <span data-testid="import-zone-used">{zoneText(report, zone, t)}</span>
      </p>
      {blocked ? (
        <p className="field-error" role="alert">
          {t('importCheck.problems', { n: report.problemCount })}
        </p>
      ) : (
        <p className="saved-note">{t('importCheck.noProblems')}</p>
      )}
      <ImportIssues kind="problems" items={report.problems} total={report.problemCount} />
      {report.noteCount > 0 && <p>{t('importCheck.notes', { n: report.noteCount })}</p>}
      <ImportIssues kind="notes" items={report.notes} total={report.noteCount} />
      <InferredMoments items={report.inferred} total={report.inferredCount} />
      {/* What stops or deserves a look comes first, above the fold; the rows and the column table after it. */}
      <ImportPreview rows={report.preview} zone={zone} deskZone={props.deskZone} />
      <ImportColumns columns={report.columns} />
      <div className="inline">
        <button type="button" className="primary" disabled={busy || blocked} onClick={onImport}>
          {t('importCheck.import')}
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          {t('importCheck.close')}
        </button>
      </div>
      {!blocked && <p className="muted">{t('importCheck.keptUntil', { time: until })}</p>}
    </div>
  );
}

/** Which zone the times were read in, and why that one: the file's own 时区 column, the zone chosen, or the desk's. */
function zoneText(report: ImportResult, zone: string, t: ReturnType<typeof useI18n>['t']): string {
  if (report.zoneSource === 'file') return t('importCheck.zoneFromFile');
  return t(report.zoneSource === 'option' ? 'importCheck.zoneChosen' : 'importCheck.zoneUsed', { zone });
}
