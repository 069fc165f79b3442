import type { ImportProblem } from '../../../../shared/api/archive';
import { useI18n } from '../../i18n';
import { reasonText } from './importText';

/**
 * Problems (they block the import) or notes (they do not), one a row: sheet
 * and row as the spreadsheet numbers them, the column as the file heads it,
 * and the reason in the screen's language.
 */
export function ImportIssues({ items, total, kind }: { items: ImportProblem[]; total: number; kind: 'problems' | 'notes' }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return null;
  return (
    <>
      <table className={`import-problems import-${kind}`} data-testid={`import-${kind}`}>
        <thead>
          <tr>
            <th>{t('archive.problem.row')}</th>
            <th>{t('archive.problem.column')}</th>
            <th>{t(kind === 'problems' ? 'archive.problem.reason' : 'importCheck.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p, i) => (
            <tr key={i}>
              <td>{[p.sheet, p.row > 0 ? p.row : t('importCheck.wholeFile')].filter(Boolean).join(' · ')}</td>
              <td>{p.column}</td>
              <td>{reasonText(lang, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > items.length && <p className="muted">{t('archive.moreProblems', { n: total - items.length })}</p>}
    </>
  );
}
