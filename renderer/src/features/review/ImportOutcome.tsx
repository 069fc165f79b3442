import type { ImportResult } from '../../../../shared/api/archive';
import { useI18n } from '../../i18n';
import { ImportIssues, InferredMoments } from './ImportIssues';

/** What an import did: the records imported and skipped with the notes on them, or the problems that stopped it. */
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
      <p className="saved-note" data-testid="import-summary">
        {result.imported === 0
          ? t('archive.nothingNew', { file: result.fileName, n: result.skipped })
          : t('archive.imported', { file: result.fileName, n: result.imported, steps: result.steps, skipped: result.skipped })}
      </p>
      {result.noteCount > 0 && <p>{t('importCheck.importedNotes', { n: result.noteCount })}</p>}
      <ImportIssues kind="notes" items={result.notes} total={result.noteCount} />
      <InferredMoments items={result.inferred} total={result.inferredCount} />
    </div>
  );
}
