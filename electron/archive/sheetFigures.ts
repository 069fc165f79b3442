import type { ImportVerdict } from '../../shared/api/archive';
import { toAsciiDigits } from '../../shared/domain/privacy';
import type { RawCell } from './importRead';
import { CellProblem, textOf } from './importValues';

/**
 * Durations and verdicts as people write them in their own sheets (seed 000):
 * '12分钟', '1小时5分钟', '27小时45分钟', '2天3小时', a plain number of minutes;
 * '是(≤15分钟)', '否(>1小时)', '是(≥95%)', '否', and this exporter's 是 / 否 / 进行中
 * (met / not met / open). The bracket of a verdict is its threshold.
 */

const UNIT_MINUTES: Record<string, number> = { 天: 1440, d: 1440, 小时: 60, 时: 60, h: 60, hr: 60, hrs: 60, 分钟: 1, 分: 1, min: 1, mins: 1, m: 1, 秒: 1 / 60, s: 1 / 60 };
const PART = /(\d+(?:\.\d+)?)\s*(天|小时|时|分钟|分|秒|hrs|hr|h|mins|min|m|d|s)/gi;

/**
 * Minutes from a duration cell; null when blank.
 * @example durationMinutesOf('1小时5分钟') === 65
 */
export function durationMinutesOf(cell: RawCell | undefined): number | null {
  if (typeof cell === 'number') return cell;
  const text = textOf(cell);
  if (text === null) return null;
  const plain = toAsciiDigits(text).replace(/\s+/g, '');
  if (/^\d+(?:\.\d+)?$/.test(plain)) return Number(plain);
  let minutes = 0;
  let consumed = '';
  for (const m of plain.matchAll(PART)) {
    minutes += Number(m[1]) * UNIT_MINUTES[m[2]!.toLowerCase()]!;
    consumed += m[0];
  }
  if (consumed === '' || consumed.length !== plain.length) throw new CellProblem('not_duration', { value: text });
  return Math.round(minutes * 10) / 10;
}

/** The verdict before any bracket: 是 / 否 / 进行中, or this exporter's English. */
const VERDICTS: Record<string, ImportVerdict> = { 是: 'met', 达标: 'met', 否: 'notMet', 未达标: 'notMet', 进行中: 'open', met: 'met', yes: 'met', 'not met': 'notMet', no: 'notMet', open: 'open' };

/**
 * A verdict cell, its bracket ignored; null when blank.
 * @example verdictOf('是(≤15分钟)') === 'met'
 */
export function verdictOf(cell: RawCell | undefined): ImportVerdict | null {
  const text = textOf(cell);
  if (text === null) return null;
  const head = text.normalize('NFKC').replace(/\(.*$/, '').trim().toLowerCase();
  const verdict = VERDICTS[head];
  if (!verdict) throw new CellProblem('not_verdict', { value: text });
  return verdict;
}

/**
 * The time limit a verdict's bracket names, in minutes ('是(≤15分钟)' → 15,
 * '否(>1小时)' → 60); null when it names none (a share such as ≥95%, or no bracket).
 * @example thresholdMinutesOf('否(>1小时)') === 60
 */
export function thresholdMinutesOf(text: string): number | null {
  const m = /\(\s*[≤<≥>=＜＞]*\s*([^)]*)\)/.exec(text.normalize('NFKC'));
  if (!m || m[1]!.includes('%')) return null;
  try {
    return durationMinutesOf(m[1]!.trim());
  } catch {
    return null;
  }
}
