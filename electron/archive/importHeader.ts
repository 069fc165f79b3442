import { headerIndex, STEP_COLUMNS, type StepColumnKey } from './columns';
import type { RawCell } from './importRead';
import { textOf } from './importValues';
import { recordSheetHeader } from './layouts/recordSheet';
import { RESPONSE } from './layouts/response';
import { headerKeys, seedHeader } from './layouts/seedSheet';
import { TRACKING } from './layouts/tracking';
import type { RecordsHeader } from './layouts/types';

/** Finding a sheet's header row and what each of its columns is. */

export type { RecordsHeader };

export interface StepsHeader {
  kind: 'steps';
  /** Column index (0 = A) of each known key. */
  index: Map<StepColumnKey, number>;
  /** The header text as the file writes it, by key. */
  text: Map<StepColumnKey, string>;
  /** Headers that match no known column. */
  unknown: string[];
}

const STEP_HEADERS = headerIndex(STEP_COLUMNS);

function stepsHeader(cells: readonly RawCell[]): StepsHeader | null {
  const map: StepsHeader = { kind: 'steps', index: new Map(), text: new Map(), unknown: [] };
  cells.forEach((cell, i) => {
    const header = textOf(cell);
    if (header === null) return;
    const key = headerKeys(header).map((k) => STEP_HEADERS.get(k)).find((k) => k !== undefined) as StepColumnKey | undefined;
    if (key === undefined || map.index.has(key)) map.unknown.push(header);
    else {
      map.index.set(key, i);
      map.text.set(key, header);
    }
  });
  return map.index.has('recordNo') && map.index.has('n') && map.index.has('text') ? map : null;
}

/**
 * Which table a row heads, if any: the steps sheet (record no., n, text); seed
 * 000's tracking sheet; seed 004's response record sheet; or a records sheet
 * (record no. and call time, in either language or the paper sheet's spelling).
 * A title line above the header matches none.
 * @example headerOf(['问题编号', '提交时间', '解决状态'])?.kind === 'records'
 */
export function headerOf(cells: readonly RawCell[]): RecordsHeader | StepsHeader | null {
  return stepsHeader(cells) ?? seedHeader(TRACKING, cells) ?? seedHeader(RESPONSE, cells) ?? recordSheetHeader(cells);
}

/** Header rows are looked for this far down (a paper sheet may carry a title and a blank line above). */
export const HEADER_SEARCH_ROWS = 10;
