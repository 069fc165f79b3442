import type { ImportLayout } from '../../shared/api/archive';
import { headerIndex, RECORD_COLUMNS } from './columns';
import type { RawCell } from './importRead';
import { textOf } from './importValues';
import { RESPONSE } from './layouts/response';
import { headerKeys } from './layouts/seedSheet';
import { TRACKING } from './layouts/tracking';

const RECORD_HEADERS = headerIndex(RECORD_COLUMNS);
/** The record sheet's identifying columns, named as the paper sheet heads them. */
const RECORD_NEEDS: Array<{ key: string; header: string }> = [
  { key: 'recordNo', header: '记录编号' },
  { key: 'callAt', header: '来电时间' },
];

/**
 * For a file whose header row matched no layout: the layout its best candidate
 * row comes closest to (most of its known columns present, at least two), and
 * the identifying columns it lacks — seed 004 without 接收时间 is "closest to the
 * response record sheet, lacks 接收时间". null when nothing comes close.
 * @example closestLayout([['记录编号', '需求类型', '优先级']]) // { layout: 'response', missing: ['接收时间'] }
 */
export function closestLayout(rows: ReadonlyArray<readonly RawCell[]>): { layout: ImportLayout; missing: string[] } | null {
  let best: { layout: ImportLayout; missing: string[]; score: number } | null = null;
  for (const cells of rows) {
    const keys = new Set(cells.flatMap((c) => {
      const text = textOf(c);
      return text === null ? [] : headerKeys(text);
    }));
    for (const seed of [TRACKING, RESPONSE]) {
      const has = (id: string) => seed.columns[id]!.headers.some((h) => headerKeys(h).some((k) => keys.has(k)));
      const score = Object.keys(seed.columns).filter(has).length;
      const missing = seed.identifiedBy.filter((id) => !has(id)).map((id) => seed.columns[id]!.headers[0]!);
      if (score >= 2 && (best === null || score > best.score)) best = { layout: seed.id, missing, score };
    }
    const found = new Set([...keys].map((k) => RECORD_HEADERS.get(k)).filter((k) => k !== undefined));
    const missing = RECORD_NEEDS.filter((n) => !found.has(n.key)).map((n) => n.header);
    if (found.size >= 2 && (best === null || found.size > best.score)) best = { layout: 'paper', missing, score: found.size };
  }
  return best && best.missing.length > 0 ? { layout: best.layout, missing: best.missing } : null;
}
