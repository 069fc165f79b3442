import type { Policy, PriorityLevel, TelephonyPolicy } from './schema';

/** The product's defaults (SPEC "Timing rules"); every number is editable on the Policy screen. */

const minutes = (amount: number) => ({ amount, unit: 'minutes' as const });
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' as const });

/** Three levels (seeds 000 and 004): response 15 min / 1 h / 4 h; resolution 2 h / 24 h / 3 working days; updates 1 h / 6 h / 1 working day. */
export const THREE_LEVELS: PriorityLevel[] = [
  { key: 'urgent', label: { zh: '紧急', en: 'Urgent' }, response: minutes(15), resolution: hours(2), progressEvery: hours(1) },
  { key: 'important', label: { zh: '重要', en: 'Important' }, response: hours(1), resolution: hours(24), progressEvery: hours(6) },
  { key: 'general', label: { zh: '一般', en: 'General' }, response: hours(4), resolution: workingDays(3), progressEvery: workingDays(1) },
];

/**
 * Four levels (seed 002's response thresholds: 15 min / 30 min / 2 h / 24 h). The seeds give no
 * resolution targets for it; we chose 2 h / 8 h / 24 h / 3 working days, in step with the three-level set.
 */
export const FOUR_LEVELS: PriorityLevel[] = [
  { key: 'urgent', label: { zh: '紧急', en: 'Urgent' }, response: minutes(15), resolution: hours(2), progressEvery: hours(1) },
  { key: 'high', label: { zh: '高', en: 'High' }, response: minutes(30), resolution: hours(8), progressEvery: hours(2) },
  { key: 'medium', label: { zh: '中', en: 'Medium' }, response: hours(2), resolution: hours(24), progressEvery: hours(6) },
  { key: 'low', label: { zh: '低', en: 'Low' }, response: hours(24), resolution: workingDays(3), progressEvery: workingDays(1) },
];

const nineToSix: Array<[string, string]> = [['09:00', '18:00']];

/** Telephony's defaults (issue 15): call a missed call back within 1 working hour; 80 % answered within 20 s; abandons under 5 s are short. */
export const DEFAULT_TELEPHONY: TelephonyPolicy = {
  missedCallbackWithin: { amount: 1, unit: 'workingHours' },
  serviceLevelPct: 80,
  answeredWithinSec: 20,
  shortAbandonSec: 5,
};

/** A policy's telephony targets: its own, else the defaults (policies saved before telephony have none). */
export function telephonyTargets(policy: Policy): TelephonyPolicy {
  return policy.telephony ?? DEFAULT_TELEPHONY;
}

export function defaultPolicy(timeZone: string): Policy {
  return {
    format: 'hotline-policy/1',
    priorities: THREE_LEVELS,
    defaultPriority: 'general',
    // Not in the seeds: a transferred call should be picked up about as fast as an urgent one.
    secondResponse: minutes(15),
    transferWithin: minutes(30),
    resultToldWithin: minutes(30),
    callbackWithin: hours(24),
    leadFollowUpWithin: hours(24),
    lowScoreAtMost: 3,
    resolutionRateTargets: { technical: 95, service: 98, consultation: 100 },
    warningAt: 0.8,
    calendar: {
      timeZone,
      week: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
      holidays: [],
      makeUpDays: [],
      makeUpHours: nineToSix,
    },
  };
}
