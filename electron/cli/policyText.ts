import type { PolicyImpact, PolicyTrailEntry, SavedPolicy, TouchedDay } from '../../shared/api/policy';
import { localDateTime } from '../../shared/timing/localTime';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "from 2026-09-01 until 2026-11-15" in the policy's zone; a version from 0 is in force "from the start". */
export function spanText(from: number, until: number | null, zone: string): string {
  const start = from === 0 ? 'from the start' : `from ${localDateTime(from, zone)}`;
  return `${start} ${until === null ? 'on' : `until ${localDateTime(until, zone)}`} (${zone})`;
}

function daysText(days: ReadonlyArray<Pick<TouchedDay, 'deskCode' | 'localDate'> & { records?: number }>): string {
  return days.map((d) => `${d.localDate} (${d.deskCode}${d.records === undefined ? '' : `, ${plural(d.records, 'record')}`})`).join(', ');
}

/**
 * The preview `hotline policy import --from` prints before anything changes.
 * @example formatImpact(impact) // "In force from 2026-09-01 00:00 on (Asia/Shanghai).\n  12 records re-judged …"
 */
export function formatImpact(impact: PolicyImpact): string {
  const lines = [
    `In force ${spanText(impact.effectiveFrom, impact.effectiveUntil, impact.timeZone)}.`,
    `  records to re-judge (they take this version): ${impact.records}`,
    `  of them with other due times: ${impact.dueTimesChanged}`,
    `  of them whose verdict changes (met/late, missed target, overdue): ${impact.verdictsChanged}`,
    `  signed-off days touched: ${impact.signedOffDays.length === 0 ? 'none' : daysText(impact.signedOffDays)}`,
  ];
  return lines.join('\n');
}

/** What a save did, in two lines. */
export function formatSaved(saved: SavedPolicy, file: string): string {
  const span = spanText(saved.effectiveFrom, saved.effectiveUntil, saved.policy.calendar.timeZone);
  const head = saved.inForceNow
    ? `Policy version ${saved.version} is now in force (from ${file}), ${span}.`
    : `Policy version ${saved.version} was saved (from ${file}), in force ${span}; a later version is in force now.`;
  const touched = saved.signedOffDays.length > 0 ? ` Signed-off days changed: ${daysText(saved.signedOffDays)}.` : '';
  return `${head}\n${plural(saved.recordsRejudged, 'record')} re-judged, ${plural(saved.verdictsChanged, 'verdict')} changed.${touched}`;
}

/**
 * `hotline policy history`: the policy trail, newest first, one entry a paragraph.
 * @example formatTrail(entries) // "version 3  saved 2026-12-01 10:02 by 王管理 (screen) …"
 */
export function formatTrail(entries: readonly PolicyTrailEntry[]): string {
  if (entries.length === 0) return 'No policy version has been saved yet.';
  return entries
    .map((e) => {
      const lines = [`version ${e.version}  saved ${localDateTime(e.at, e.timeZone)} by ${e.actor} (${e.source})`, `  in force ${spanText(e.effectiveFrom, e.effectiveUntil, e.timeZone)}`];
      lines.push(e.completed ? `  re-judged ${plural(e.recordsRejudged, 'record')}, ${plural(e.verdictsChanged, 'verdict')} changed` : '  re-judge still under way (it resumes when Hotline Log next starts)');
      if (e.signedOffDays.length > 0) lines.push(`  signed-off days touched: ${daysText(e.signedOffDays)}`);
      if (e.reason) lines.push(`  reason: ${e.reason}`);
      return lines.join('\n');
    })
    .join('\n');
}
