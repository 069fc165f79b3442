import { z } from 'zod';
import { isValidTimeZone } from '../domain/timeZone';

/**
 * The timing policy an admin edits (SPEC "Timing rules"; seeds 000, 001, 002, 004).
 * Stored as JSON, versioned in the database, exported and imported as a file.
 * Every number is configurable; the defaults live in defaults.ts.
 */

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'workingHours', 'workingDays'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** "15 minutes", "24 hours" (wall clock) or "3 working days" (only inside business hours). */
export const durationSchema = z.strictObject({
  amount: z.number().positive().max(100_000),
  unit: z.enum(DURATION_UNITS),
});
export type PolicyDuration = z.infer<typeof durationSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM, 00:00–24:00');
const interval = z
  .tuple([clock, clock])
  .refine(([start, end]) => start < end, { message: 'a working period must end after it starts', params: { issue: 'periodOrder' } });
const intervals = z.array(interval).max(6).refine(noOverlap, { message: 'working periods of one day must not overlap', params: { issue: 'periodsOverlap' } });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, { message: 'not a real date', params: { issue: 'notARealDate' } });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const calendarSchema = z
  .strictObject({
    timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone', params: { issue: 'unknownZone' } }),
    week: z.strictObject({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: intervals, sun: intervals }),
    /** Public holidays: no working time that day. */
    holidays: z.array(isoDate).max(2000),
    /** 调休: a weekend day that is worked, with makeUpHours. */
    makeUpDays: z.array(isoDate).max(2000),
    makeUpHours: intervals,
  })
  .refine((c) => WEEKDAYS.some((d) => c.week[d].length > 0), { message: 'the week needs at least one working period', path: ['week'], params: { issue: 'noWorkingWeek' } })
  .refine((c) => !c.holidays.some((d) => c.makeUpDays.includes(d)), { message: 'a date cannot be both a holiday and a make-up working day', path: ['makeUpDays'], params: { issue: 'holidayAndWorkday' } });
export type WorkCalendar = z.infer<typeof calendarSchema>;

const label = z.strictObject({ zh: z.string().min(1).max(40), en: z.string().min(1).max(40) });

export const priorityLevelSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, 'a priority key is lower-case letters, digits or _'),
  label,
  response: durationSchema,
  resolution: durationSchema,
  progressEvery: durationSchema,
});
export type PriorityLevel = z.infer<typeof priorityLevelSchema>;

/**
 * Telephony's targets (issue 15): a missed call's callback, and how the service level counts.
 * Absent from policies saved before telephony: `telephonyTargets` gives the defaults then.
 */
export const telephonyPolicySchema = z.strictObject({
  /** A missed, abandoned or unanswered call is called back within this (default: 1 working hour). */
  missedCallbackWithin: durationSchema,
  /** Service level: the share of calls answered within `answeredWithinSec` (default 80 % within 20 s). */
  serviceLevelPct: z.number().min(0).max(100),
  answeredWithinSec: z.number().int().min(1).max(3600),
  /** A caller who hangs up sooner than this is a short abandon: out of the service level and the abandon rate (default 5 s). */
  shortAbandonSec: z.number().int().min(0).max(600),
});
export type TelephonyPolicy = z.infer<typeof telephonyPolicySchema>;

export const policySchema = z
  .strictObject({
    format: z.literal('hotline-policy/1'),
    priorities: z.array(priorityLevelSchema).min(1).max(8),
    /** The level a record without a priority is judged by. */
    defaultPriority: z.string(),
    secondResponse: durationSchema,
    transferWithin: durationSchema,
    resultToldWithin: durationSchema,
    callbackWithin: durationSchema,
    leadFollowUpWithin: durationSchema,
    /** A score at or below this flags low satisfaction. */
    lowScoreAtMost: z.number().int().min(1).max(5),
    /** Share of calls resolved within target, per category, in percent. */
    resolutionRateTargets: z.record(z.string(), z.number().min(0).max(100)),
    /** Fraction of a target used at which it shows as near (0.8 = 80 %). */
    warningAt: z.number().gt(0).lt(1),
    calendar: calendarSchema,
    telephony: telephonyPolicySchema.optional(),
  })
  .refine((p) => new Set(p.priorities.map((l) => l.key)).size === p.priorities.length, { message: 'priority keys must be unique', path: ['priorities'], params: { issue: 'duplicateKeys' } })
  .refine((p) => p.priorities.some((l) => l.key === p.defaultPriority), { message: 'the default priority must be one of the levels', path: ['defaultPriority'], params: { issue: 'defaultNotALevel' } });
export type Policy = z.infer<typeof policySchema>;

/** Every problem in a policy file, as "path: message" lines; empty when it is valid. */
/**
 * What the schema's own checks (refine) say, by code: the Policy screen says them in its
 * language (policy.issue.<code>), the CLI and the store's refusal in these English words.
 */
export const POLICY_ISSUES = ['periodOrder', 'periodsOverlap', 'noWorkingWeek', 'holidayAndWorkday', 'duplicateKeys', 'defaultNotALevel', 'notARealDate', 'unknownZone'] as const;
export type PolicyIssue = (typeof POLICY_ISSUES)[number];

export function policyProblems(candidate: unknown): string[] {
  const parsed = policySchema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`);
}

function noOverlap(list: Array<[string, string]>): boolean {
  const sorted = [...list].sort((a, b) => a[0].localeCompare(b[0]));
  return sorted.every((cur, i) => i === 0 || sorted[i - 1]![1] <= cur[0]);
}
