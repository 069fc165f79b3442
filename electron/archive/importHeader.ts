import { headerIndex, headerKey, RECORD_COLUMNS, STEP_COLUMNS, type RecordColumnKey, type StepColumnKey } from './columns';
import type { RawCell } from './importRead';
import { textOf } from './importValues';

/** Finding a sheet's header row and what each of its columns is. */

export interface HeaderMap<K extends string> {
  kind: 'records' | 'steps';
  /** Column index (0 = A) of each known key. */
  index: Map<K, number>;
  /** The header text as the file writes it, by key. */
  text: Map<K, string>;
  /** Headers that match no known column. */
  unknown: string[];
}

export type RecordsHeader = HeaderMap<RecordColumnKey> & { kind: 'records' };
export type StepsHeader = HeaderMap<StepColumnKey> & { kind: 'steps' };

const RECORD_HEADERS = headerIndex(RECORD_COLUMNS);
const STEP_HEADERS = headerIndex(STEP_COLUMNS);

/** A header read with its exact text, else without a trailing bracket note ("处理步骤(可分条记录)" → 处理步骤). */
function lookup(index: Map<string, string>, header: string): string | undefined {
  return index.get(headerKey(header)) ?? index.get(headerKey(header.replace(/[(（][^()（）]*[)）]\s*$/, '')));
}

function mapHeader<K extends string>(kind: 'records' | 'steps', cells: RawCell[], index: Map<string, string>): HeaderMap<K> {
  const map: HeaderMap<K> = { kind, index: new Map(), text: new Map(), unknown: [] };
  cells.forEach((cell, i) => {
    const header = textOf(cell);
    if (header === null) return;
    const key = lookup(index, header) as K | undefined;
    if (key === undefined || map.index.has(key)) map.unknown.push(header);
    else {
      map.index.set(key, i);
      map.text.set(key, header);
    }
  });
  return map;
}

/**
 * Which table a row heads, if any: the steps sheet (record no., n, text) or a
 * records sheet (record no. and call time, in either language or the paper
 * sheet's spelling). A title line above the header matches neither.
 */
export function headerOf(cells: RawCell[]): RecordsHeader | StepsHeader | null {
  const steps = mapHeader<StepColumnKey>('steps', cells, STEP_HEADERS);
  if (steps.index.has('recordNo') && steps.index.has('n') && steps.index.has('text')) return { ...steps, kind: 'steps' };
  const records = mapHeader<RecordColumnKey>('records', cells, RECORD_HEADERS);
  if (records.index.has('recordNo') && records.index.has('callAt')) return { ...records, kind: 'records' };
  return null;
}

/** Header rows are looked for this far down (a paper sheet may carry a title and a blank line above). */
export const HEADER_SEARCH_ROWS = 10;
