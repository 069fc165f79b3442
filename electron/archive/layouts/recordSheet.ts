import type { ColumnMapping, ImportField } from '../../../shared/api/archive';
import { headerIndex, RECORD_COLUMNS, type RecordColumnKey, type RowKey } from '../columns';
import type { RawCell } from '../importRead';
import { textOf } from '../importValues';
import { headerKeys } from './seedSheet';
import type { RecordsHeader } from './types';

/**
 * This exporter's records sheet (either language) and seed 003's hotline record
 * sheet ('paper': the same columns, fewer of them): one column per field, found
 * by RECORD_COLUMNS' headers and aliases. A file with 结束时间 or 时区 is an archive.
 */

const RECORD_HEADERS = headerIndex(RECORD_COLUMNS);
const DERIVED = new Set<RecordColumnKey>(RECORD_COLUMNS.filter((c) => 'derived' in c && c.derived).map((c) => c.key));

/** What a column fills, when read: its own field, or for the paper sheet's minutes, the moment they give. */
function fieldsOf(key: RecordColumnKey, has: (key: RecordColumnKey) => boolean, paper: boolean): ImportField[] {
  if (paper && key === 'responseMin' && !has('answeredAt')) return ['answeredAt'];
  if (paper && key === 'secondResponseMin' && !has('transferAnsweredAt')) return ['transferAnsweredAt'];
  return DERIVED.has(key) || key === 'secondResponseMin' ? [] : [key];
}

/**
 * The record sheet's reading of a header row, or null when it is not one (no 记录编号 and 来电时间).
 * @example recordSheetHeader(['记录编号', '日期', '来电时间'])?.layout === 'paper'
 */
export function recordSheetHeader(headerCells: readonly RawCell[]): RecordsHeader | null {
  const index = new Map<RecordColumnKey, number>();
  const text = new Map<RecordColumnKey, string>();
  const unknown: string[] = [];
  const seen: Array<{ header: string; i: number; key: RecordColumnKey | undefined }> = [];
  headerCells.forEach((cell, i) => {
    const header = textOf(cell);
    if (header === null) return;
    const key = headerKeys(header).map((k) => RECORD_HEADERS.get(k)).find((k) => k !== undefined) as RecordColumnKey | undefined;
    if (key === undefined || index.has(key)) {
      unknown.push(header);
      seen.push({ header, i, key: undefined });
    } else {
      index.set(key, i);
      text.set(key, header);
      seen.push({ header, i, key });
    }
  });
  if (!index.has('recordNo') || !index.has('callAt')) return null;
  const layout = index.has('closedAt') || index.has('timeZone') ? 'archive' : 'paper';
  const has = (key: RecordColumnKey) => index.has(key);
  const columns: ColumnMapping[] = seen.map(({ header, i, key }) => {
    if (key === undefined) return { column: header, index: i, use: 'notRead', fields: [], checked: false };
    const fields = fieldsOf(key, has, layout === 'paper');
    return { column: header, index: i, use: fields.length > 0 ? 'read' : 'checked', fields, checked: fields.length === 0 };
  });
  const isRecordKey = (key: RowKey): key is RecordColumnKey => index.has(key as RecordColumnKey);
  return {
    kind: 'records',
    layout,
    columns,
    unknown,
    has: (key) => isRecordKey(key),
    numberColumn: text.get('recordNo')!,
    read: (cells) => ({
      cells: {
        get: (key) => {
          const i = isRecordKey(key) ? index.get(key) : undefined;
          return i === undefined ? undefined : (cells[i] ?? null);
        },
        has: (key) => isRecordKey(key),
        header: (key) => (isRecordKey(key) ? text.get(key)! : key),
      },
      problems: [],
      notes: [],
    }),
  };
}
