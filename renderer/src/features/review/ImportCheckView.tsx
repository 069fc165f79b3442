import { DateTime } from 'luxon';
import type { ImportCheck } from '../../../../shared/api/importCheck';
import type { MessageKey } from '../../../../shared/i18n';
import { DICTIONARIES } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';
import { ImportIssues } from './ImportIssues';

/**
 * What "Check first" found, with nothing written: the layout in words, how
 * many rows would go in, the problems (which block the import) apart from the
 * notes (which do not), and the button that imports this very file.
 */
export function ImportCheckView({ check, busy, onImport, onClose }: { check: ImportCheck; busy: boolean; onImport: () => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { report } = check;
  const blocked = report.problemCount > 0;
  const until = DateTime.fromMillis(check.expiresAt).setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB').toFormat('HH:mm');
  return (
    <div className="import-check" data-testid="import-check" aria-labelledby="import-check-title">
      <h4 id="import-check-title">{t('importCheck.title', { file: check.fileName })}</h4>
      <p data-testid="import-layout">{t('importCheck.layout', { layout: layoutText(report.layout, t) })}</p>
      <p>
        {t('importCheck.counts', { rows: report.rows, n: blocked ? 0 : report.imported, skipped: report.skipped })} {t('importCheck.zoneUsed', { zone: check.timeZone })}
      </p>
      {report.ignoredColumns.length > 0 && <p className="muted">{t('archive.ignored', { columns: report.ignoredColumns.join(', ') })}</p>}
      {blocked ? (
        <p className="field-error" role="alert">
          {t('importCheck.problems', { n: report.problemCount })}
        </p>
      ) : (
        <p className="saved-note">{t('importCheck.noProblems')}</p>
      )}
      <ImportIssues kind="problems" items={report.problems} total={report.problemCount} />
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

/** "Tracking sheet (seed 000)", "跟踪表（模板000）", …; a layout this screen does not know yet is named as the core names it. */
function layoutText(layout: string, t: (key: MessageKey) => string): string {
  const key = `importCheck.layout.${layout}`;
  return key in DICTIONARIES.en ? t(key as MessageKey) : layout;
}
