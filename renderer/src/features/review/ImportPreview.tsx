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
 * and the vocabularies and verdicts in the screen's language, and what the
 * import would do with each (add it, leave it as already here, or refuse it
 * because its number is another record's). Read in
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
  const verdicts: ImportField[] = ['responseMet', 'resolutionMet', 'actualResponseMin', 'actualResolutionMin'];
  const rest: ImportField[] = [...MOMENTS, 'requestType', 'customerType', 'result', 'handler', 'sourceRef'];
  // What a person checks first — what becomes of the row, its number and call time, and the verdicts — comes
  // first, so that at 1366×768 it is on screen without scrolling sideways; the rest wraps or scrolls after it.
  return (
    <details open className="import-section">
      <summary>{t('importCheck.preview', { n: rows.length, zone })}</summary>
      <div className="import-scroll">
        <table className="import-problems import-preview" data-testid="import-preview">
          <thead>
            <tr>
              <th>{t('archive.problem.row')}</th>
              <th>{t('importCheck.status')}</th>
              {(['recordNo', 'callAt'] as ImportField[]).map(head)}
              {elsewhere && <th>{t('importCheck.atDesk', { zone: deskZone })}</th>}
              {verdicts.map(head)}
              {(['priority', 'salutation', 'phone'] as ImportField[]).map(head)}
              {rest.map(head)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.sheet ?? ''}${r.row}`} data-status={r.status}>
                <td>{[r.sheet, r.row].filter(Boolean).join(' · ')}</td>
                <td className={r.status === 'clash' ? 'field-error' : undefined}>{t(`importCheck.status.${r.status}`)}</td>
                <td className="time">{r.recordNo}</td>
                <td className="time">{r.callAt}</td>
                {elsewhere && (
                  <td className="time" data-testid="at-desk">
                    {r.atDesk ?? atDesk(r, deskZone)}
                  </td>
                )}
                <td>{verdict(r.responseMet)}</td>
                <td>{verdict(r.resolutionMet)}</td>
                <td>{r.responseMinutes ?? t('field.none')}</td>
                <td>{r.resolutionMinutes ?? t('field.none')}</td>
                <td>{priority(r)}</td>
                <td>{r.salutation ?? t('field.none')}</td>
                <td>{r.phoneLast4 ?? t('field.none')}</td>
                {MOMENTS.map((m) => (
                  <td key={m} className={r.inferred.includes(m) ? 'time inferred' : 'time'}>
                    {r[m] ?? t('field.none')}
                    {r.inferred.includes(m) && <span className="mark">{t('importCheck.inferredMark')}</span>}
                  </td>
                ))}
                <td>{word('requestType', r.requestType)}</td>
                <td>{word('customerType', r.customerType)}</td>
                <td>{word('result', r.result)}</td>
                <td>{r.handler ?? t('field.none')}</td>
                <td>{r.sourceRef ?? t('field.none')}</td>
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
