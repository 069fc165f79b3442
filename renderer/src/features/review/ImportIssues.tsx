import type { ImportInferred, ImportProblem } from '../../../../shared/api/archive';
import { importMomentLabel, importReasonText } from '../../../../shared/i18n/importReasons';
import { useI18n } from '../../i18n';

/**
 * Problems (they block the import) or notes (they do not), one a row: sheet
 * and row as the spreadsheet numbers them, the column as the file heads it,
 * and the reason from the reason-code table, in the screen's language.
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
              <td>{importReasonText(lang, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > items.length && <p className="muted">{t('archive.moreProblems', { n: total - items.length })}</p>}
    </>
  );
}

/** The rows whose file left moments out, and which moments were worked out from the others. */
export function InferredMoments({ items, total }: { items: ImportInferred[]; total: number }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return null;
  return (
    <div data-testid="import-inferred">
      <p>{t('importCheck.inferred', { n: total })}</p>
      <ul className="import-inferred">
        {items.map((r, i) => (
          <li key={i}>
            {t('importCheck.inferredRow', { row: [r.sheet, r.row].filter(Boolean).join(' · '), moments: r.moments.map((m) => importMomentLabel(lang, m)).join(lang === 'zh' ? '、' : ', ') })}
          </li>
        ))}
      </ul>
      {total > items.length && <p className="muted">{t('archive.moreProblems', { n: total - items.length })}</p>}
    </div>
  );
}
