import type { ColumnMapping } from '../../../../shared/api/archive';
import { columnUseLabel, importFieldLabel } from '../../../../shared/i18n/importReasons';
import { useI18n } from '../../i18n';

/** The column → field mapping: every column of the file, what it is stored as, and whether it is read, only checked, or not read. */
export function ImportColumns({ columns }: { columns: ColumnMapping[] }) {
  const { t, lang } = useI18n();
  if (columns.length === 0) return null;
  return (
    <details open className="import-section">
      <summary>{t('importCheck.mapping')}</summary>
      <table className="import-problems" data-testid="import-mapping">
        <thead>
          <tr>
            <th>{t('importCheck.mapping.column')}</th>
            <th>{t('importCheck.mapping.field')}</th>
            <th>{t('importCheck.mapping.use')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.index} className={`column-${c.use}`}>
              <td>{c.column}</td>
              <td>{c.fields.map((f) => importFieldLabel(lang, f)).join(lang === 'zh' ? '、' : ', ') || t('field.none')}</td>
              <td>{c.use === 'read' && c.checked ? t('importCheck.use.readChecked') : columnUseLabel(lang, c.use)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
