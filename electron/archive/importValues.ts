import type { ImportReasonCode, ImportReasonParams } from '../../shared/api/archive';
import { toAsciiDigits } from '../../shared/domain/privacy';
import { importReasonText } from '../../shared/i18n/importReasons';
import { cleanText } from '../../shared/domain/text';
import type { RawCell } from './importRead';
import { instantOf, wallTimeOf, type WallTime } from './wallClock';

/**
 * Cell readers for import. Each returns the value or throws a CellProblem
 * whose message is the reason the report gives for that row and column.
 */

export class CellProblem extends Error {
  constructor(
    readonly code: ImportReasonCode,
    readonly params: ImportReasonParams = {},
  ) {
    super(importReasonText('en', { code, params }));
  }
}

/** What a paper sheet writes for "nothing here". */
const BLANKS = new Set(['-', '—', '–', '－', '/', '／', '无', 'n/a', 'N/A', '--']);

/** The cell as trimmed text, or null when it is blank. Dates read as their wall-clock text. */
export function textOf(cell: RawCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') {
    const trimmed = cell.trim();
    return trimmed === '' || (trimmed.length <= 3 && BLANKS.has(trimmed)) ? null : trimmed;
  }
  let text: string;
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  } else text = String(cell).trim();
  return text === '' || BLANKS.has(text) ? null : text;
}

/** A row with nothing in it (spreadsheets keep formatted but empty rows). */
export function isBlankRow(cells: readonly RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Free text as the app stores it (cleanText: NFC, controls removed, long digit runs masked), within `max` characters. */
export function cleanOf(cell: RawCell | undefined, max: number): string | null {
  const text = textOf(cell);
  if (text === null) return null;
  const clean = cleanText(text);
  if (clean.length > max) throw new CellProblem('too_long', { max });
  return clean === '' ? null : clean;
}

/** A multi-line cell's lines (one per transfer, step or reason); a paper sheet may use ; instead. */
export function linesOf(cell: RawCell | undefined, semicolons = false): string[] {
  const text = textOf(cell);
  if (text === null) return [];
  return text.split(semicolons ? /\r?\n|[;；]/ : /\r?\n/).map((l) => l.trim());
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

function realDate(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw new CellProblem('not_real_date');
  return isoDate(y, m, d);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A local date 'YYYY-MM-DD' from a date cell, an Excel serial, or text (2024-05-20, 2024/5/20, 2024年5月20日). */
export function dateOf(cell: RawCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return realDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  if (typeof cell === 'number') {
    const d = new Date(Math.round((cell - EXCEL_EPOCH_DAYS) * DAY_MS));
    return realDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const text = textOf(cell);
  if (text === null) return null;
  const m = DATE_TEXT.exec(toAsciiDigits(text));
  if (!m) throw new CellProblem('not_a_date', { value: text });
  return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const TIME_TEXT = /^(?:(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?[\sT]*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.(\d{1,3}))?)?$/;

/** The wall-clock reading of a time cell; `date` completes a time of day ('14:15', or Excel's time-only cell). */
function wallOf(cell: RawCell, date: string | null): WallTime {
  const onDate = (h: number, mi: number, s: number, ms: number): WallTime => {
    if (date === null) throw new CellProblem('time_needs_date');
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return { year: y, month: m, day: d, hour: h, minute: mi, second: s, millisecond: ms };
  };
  if (cell instanceof Date || typeof cell === 'number') {
    const d = cell instanceof Date ? cell : new Date(Math.round((cell - EXCEL_EPOCH_DAYS) * DAY_MS));
    const wall = wallTimeOf(d);
    // Excel keeps a time of day as a fraction of day 0 (1899-12-30).
    return wall.year < 1901 ? onDate(wall.hour, wall.minute, wall.second, wall.millisecond) : wall;
  }
  const text = toAsciiDigits(String(cell).trim());
  const m = TIME_TEXT.exec(text);
  if (!m) throw new CellProblem('not_a_time', { value: text });
  const [h, mi, s, ms] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0'))];
  if (h > 23 || mi > 59 || s > 59) throw new CellProblem('not_time_of_day', { value: text });
  if (!m[1]) return onDate(h, mi, s, ms);
  realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: h, minute: mi, second: s, millisecond: ms };
}

/** The instant a time cell stands for in `zone`; null when the cell is blank. */
export function timeOf(cell: RawCell | undefined, date: string | null, zone: string): number | null {
  // Only text can be blank; a date cell's text (toISOString) is not worth making just to see that.
  if (cell === undefined || cell === null || (typeof cell === 'string' && textOf(cell) === null)) return null;
  const wall = wallOf(cell!, date);
  const at = instantOf(wall, zone);
  if (at === null) throw new CellProblem('time_in_gap', { time: `${isoDate(wall.year, wall.month, wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`, zone });
  return at;
}

/** A time written as text in a multi-line cell. */
export function timeOfText(text: string, date: string | null, zone: string): number {
  return timeOf(text, date, zone)!;
}

/** A number of minutes, not negative. */
export function minutesOf(cell: RawCell | undefined): number | null {
  const text = textOf(cell);
  if (text === null) return null;
  const n = typeof cell === 'number' ? cell : Number(toAsciiDigits(text).replace(/分钟|min$/i, '').trim());
  if (!Number.isFinite(n) || n < 0) throw new CellProblem('not_minutes', { value: text });
  return n;
}

/** A score from 1 to 5. */
export function scoreOf(cell: RawCell | undefined): number | null {
  const text = textOf(cell);
  if (text === null) return null;
  const n = typeof cell === 'number' ? cell : Number(toAsciiDigits(text));
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new CellProblem('not_score', { value: text });
  return n;
}

/** Whether a time cell holds only a time of day (the paper sheet's '14:15', or Excel's time-only cell). */
export function isTimeOfDay(cell: RawCell | undefined): boolean {
  if (cell instanceof Date) return cell.getUTCFullYear() < 1901;
  if (typeof cell === 'number') return cell < 1;
  const text = textOf(cell);
  return text !== null && /^\d{1,2}[:：]\d{2}/.test(toAsciiDigits(text));
}

/**
 * A time that follows `base` on a sheet of times of day: '00:05' after a call
 * at '23:58' is the next morning. Only a time of day more than 12 hours before
 * `base` moves; a slightly earlier one stays, and is reported as out of order.
 */
export function timeAfter(cell: RawCell | undefined, date: string | null, zone: string, base: number | null): number | null {
  const at = timeOf(cell, date, zone);
  if (at === null || base === null || date === null || at >= base - 12 * 3_600_000 || !isTimeOfDay(cell)) return at;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return timeOf(cell, next.toISOString().slice(0, 10), zone);
}
