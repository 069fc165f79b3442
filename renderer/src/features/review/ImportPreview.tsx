import { DateTime } from 'luxon';
import type { ImportField, ImportMoment, ImportPreviewRow, ImportVerdict } from '../../../../shared/api/archive';
import type { MessageKey } from '../../../../shared/i18n';
import { importFieldLabel } from '../../../../shared/i18n/importReasons';
import { useI18n } from '../../i18n';
import { usePolicies } from '../policy/usePolicies';

const MOMENTS: ImportMoment[] = ['answeredAt', 'resolvedAt', 'resultToldAt', 'closedAt'];

/**
 * The first rows as the import would store them: the record number each
 * keeps or would get, its source reference, the times as wall-clock text in
 * the zone named above the table (a moment worked out from others marked),
 * and the vocabularies and verdicts in the screen's language. Read in
 * another zone than the desk's, the call time is also shown at the desk: a
 * wrong zone shifts every time by hours, and this is where it shows.
 */
export function ImportPreview({ rows, zone, deskZone }: { rows: ImportPreviewRow[]; zone: string; deskZone: string }) {
  const { t, lang } = useI18n();
  const { policyFor } = usePolicies();
  if (rows.length === 0) return null;
  const elsewhere = rows.some((r) => r.timeZone !== deskZone);
  const head = (field: ImportField) => <th key={field}>{importFieldLabel(lang, field)}</th>;
  const word = (prefix: string, value: string | null) => (value === null ? t('field.none') : t(`${prefix}.${value}` as MessageKey));
  const verdict = (v: ImportVerdict | null) => (v === null ? t('field.none') : t(`importCheck.verdict.${v}`));
  const priority = (row: ImportPreviewRow) => policyFor(row.policyVersion)?.priorities.find((l) => l.key === row.priority)?.label[lang] ?? row.priority ?? t('field.none');
  return (
    <details open className="import-section">
      <summary>{t('importCheck.preview', { n: rows.length, zone })}</summary>
      <div className="import-scroll">
        <table className="import-problems" data-testid="import-preview">
          <thead>
            <tr>
              <th>{t('archive.problem.row')}</th>
              {(['recordNo', 'sourceRef', 'callAt'] as ImportField[]).map(head)}
              {elsewhere && <th>{t('importCheck.atDesk', { zone: deskZone })}</th>}
              {([...MOMENTS, 'priority', 'requestType', 'customerType', 'result', 'handler', 'actualResponseMin', 'actualResolutionMin', 'responseMet', 'resolutionMet'] as ImportField[]).map(head)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.sheet ?? ''}${r.row}`}>
                <td>{[r.sheet, r.row].filter(Boolean).join(' · ')}</td>
                <td>{r.recordNo}</td>
                <td>{r.sourceRef ?? t('field.none')}</td>
                <td>{r.callAt}</td>
                {elsewhere && <td data-testid="at-desk">{atDesk(r, deskZone)}</td>}
                {MOMENTS.map((m) => (
                  <td key={m} className={r.inferred.includes(m) ? 'inferred' : undefined}>
                    {r[m] ?? t('field.none')}
                    {r.inferred.includes(m) && ` ${t('importCheck.inferredMark')}`}
                  </td>
                ))}
                <td>{priority(r)}</td>
                <td>{word('requestType', r.requestType)}</td>
                <td>{word('customerType', r.customerType)}</td>
                <td>{word('result', r.result)}</td>
                <td>{r.handler ?? t('field.none')}</td>
                <td>{r.responseMinutes ?? t('field.none')}</td>
                <td>{r.resolutionMinutes ?? t('field.none')}</td>
                <td>{verdict(r.responseMet)}</td>
                <td>{verdict(r.resolutionMet)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The call's wall-clock time at the desk, from the time as it would be stored in the row's own zone. */
function atDesk(row: ImportPreviewRow, deskZone: string): string {
  const format = row.callAt.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm';
  const at = DateTime.fromFormat(row.callAt, format, { zone: row.timeZone });
  return at.isValid ? at.setZone(deskZone).toFormat(format) : row.callAt;
}
