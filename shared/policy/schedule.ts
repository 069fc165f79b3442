/**
 * Reads a year's official holiday schedule as an admin pastes it, one entry a
 * line, make-up working days (调休) included:
 *   2025-01-28~2025-02-04 休     (or: holiday)
 *   2025-01-26 班                (or: workday)
 * A date range takes '~', '至' or ' to '; text after the keyword is a note.
 * @example parseOfficialSchedule('2025-01-26 班').makeUpDays  // ['2025-01-26']
 */
export interface ParsedSchedule {
  holidays: string[];
  makeUpDays: string[];
  /** As codes with their data: the Policy screen says them in its language (policy.schedule.<code>). */
  problems: ScheduleProblem[];
}

export type ScheduleProblem = { code: 'unreadableLine'; line: number; text: string } | { code: 'holidayAndWorkday'; date: string };

const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至|to|–|-{1,2})\s*(\d{4}-\d{2}-\d{2}))?\s+(放假|休|假|holiday|off|上班|班|workday|work)(?:\s|$)/i;
const MAX_RANGE_DAYS = 31;

export function parseOfficialSchedule(text: string): ParsedSchedule {
  const holidays = new Set<string>();
  const makeUpDays = new Set<string>();
  const problems: ScheduleProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE.exec(line);
    const days = m ? dateRange(m[1]!, m[2] ?? m[1]!) : null;
    if (!m || !days) {
      problems.push({ code: 'unreadableLine', line: i + 1, text: line.slice(0, 60) });
      return;
    }
    const target = /^(上班|班|workday|work)$/i.test(m[3]!) ? makeUpDays : holidays;
    for (const day of days) target.add(day);
  });
  for (const day of holidays) if (makeUpDays.has(day)) problems.push({ code: 'holidayAndWorkday', date: day });
  return { holidays: [...holidays].sort(), makeUpDays: [...makeUpDays].sort(), problems };
}

function dateRange(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  if (new Date(start).toISOString().slice(0, 10) !== from || new Date(end).toISOString().slice(0, 10) !== to) return null;
  const days: string[] = [];
  for (let t = start; t <= end && days.length <= MAX_RANGE_DAYS; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days.length > MAX_RANGE_DAYS ? null : days;
}
