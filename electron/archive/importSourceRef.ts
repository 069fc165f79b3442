import { cleanText } from '../../shared/domain/text';
import type { RawCell } from './importRead';
import { CellProblem, textOf } from './importValues';

/** Longest source reference kept: record numbers of other systems are short; a longer cell is something else. */
export const MAX_SOURCE_REF = 64;

/**
 * A number that starts with a date (TECH20240501001, SRV20240501002, seed 004's
 * 20231027001: letters, YYYYMMDD, a serial) is a record reference, not a phone:
 * kept whole, as privacy.ts keeps CS numbers. Any other long digit run is masked
 * like free text (a phone typed into the column keeps its last four digits).
 */
const DATED_REF = /^[A-Za-z_-]{0,12}(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-_]?\d{1,6}$/;

/**
 * The record's number in the sheet it came from, as it is kept: trimmed, on one line.
 * @example sourceRefOf('TECH20240501001') === 'TECH20240501001'
 */
export function sourceRefOf(cell: RawCell | undefined): string | null {
  const text = textOf(typeof cell === 'number' ? String(cell) : cell);
  if (text === null) return null;
  if (text.length > MAX_SOURCE_REF || /[\r\n]/.test(text)) throw new CellProblem('source_ref_bad', { value: cleanText(text.slice(0, MAX_SOURCE_REF)), max: MAX_SOURCE_REF });
  const ref = text.normalize('NFKC');
  return DATED_REF.test(ref) ? ref : cleanText(ref);
}
