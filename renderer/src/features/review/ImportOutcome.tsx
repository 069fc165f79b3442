import type { ImportResult } from '../../../../shared/api/archive';
import { useI18n } from '../../i18n';
import { ImportIssues } from './ImportIssues';

/** What an import did: the records imported and skipped, or the problems that stopped it. */
export function ImportOutcome({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  if (result.problemCount > 0) {
    return (
      <div className="import-report" role="alert" data-testid="import-report">
        <p className="field-error">{t('archive.problems', { file: result.fileName, n: result.problemCount })}</p>
        <ImportIssues kind="problems" items={result.problems} total={result.problemCount} />
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
