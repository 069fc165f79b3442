/** The figures of a period, as the Statistics screen, `hotline stats` and the Excel summary sheet show them. */

export interface Kpis {
  calls: number;
  answered: number;
  /** Share of decided response targets that were met, 0–1; null without any. */
  responseCompliance: number | null;
  avgResponseMin: number | null;
  /** Share of decided resolution targets met, 0–1. */
  resolutionRate: number | null;
  /** Satisfied or basically satisfied, of the calls with feedback, 0–1. */
  satisfaction: number | null;
  /** Records with a missed target, per 100 calls. */
  breachesPer100: number | null;
}

/**
 * One set of the call-centre KPIs (issue 15), over inbound calls the phone
 * system saw (answered or ended; one still waiting is in none). Each share or
 * mean is null where its denominator is zero ("—", never 0 % or 100 %).
 */
export interface PhoneFigures {
  offered: number;
  answered: number;
  /** Answered within the policy's `answeredWithinSec`. */
  answeredWithin: number;
  /** Ended unanswered, short abandons included. */
  abandoned: number;
  /** Abandoned sooner than the policy's `shortAbandonSec`: out of both denominators. */
  shortAbandons: number;
  /** answered within Y s ÷ (offered − short abandons), 0–1. */
  serviceLevel: number | null;
  /** Mean wait of the answered calls, in seconds. */
  asaSec: number | null;
  /** (abandoned − short abandons) ÷ (offered − short abandons), 0–1. */
  abandonRate: number | null;
  /** Mean talk time (answer to hang-up) of the answered calls that ended, in seconds, over `talked` calls. */
  ahtSec: number | null;
  talked: number;
  /** Mean wrap-up (hang-up to the record's close), in seconds, over `wrapped` calls. */
  wrapUpSec: number | null;
  wrapped: number;
  longestWaitSec: number | null;
  /** Missed calls with a callback due time, those called back by it, and those not called back with the due time still ahead. */
  callbacksDue: number;
  callbacksMet: number;
  callbacksOpenInTime: number;
  /** callbacks met ÷ (missed calls with a due time − those still open in time), 0–1. */
  callbackRate: number | null;
}

export interface PhoneKpis extends PhoneFigures {
  /** The thresholds judged by: the current policy's (telephonyTargets), for every call of the period. */
  targets: { serviceLevelPct: number; answeredWithinSec: number; shortAbandonSec: number };
  /** Hours of day with calls, ascending (the local hour the call came in). */
  byHour: Array<PhoneFigures & { hour: number }>;
  /** By the record's agent where the call opened a record, else the agent interface it rang; '' for calls that reached nobody. Most offered first. */
  byAgent: Array<PhoneFigures & { agent: string }>;
  byDesk: Array<PhoneFigures & { desk: string }>;
}

/** The telephony headline figures beside the records' own in `kpis` (`hotline stats --json`). */
export type PhoneHeadline = Pick<PhoneFigures, 'serviceLevel' | 'abandonRate' | 'asaSec' | 'ahtSec'>;

export interface StatsReport {
  from: string;
  to: string;
  kpis: Kpis & PhoneHeadline;
  /** The call-centre KPIs over the calls telephony saw. */
  phone: PhoneKpis;
  volumeByDay: Array<{ date: string; calls: number }>;
  volumeByHour: Array<{ hour: number; calls: number }>;
  response: {
    histogram: Array<{ label: string; fromMin: number; toMin: number | null; calls: number }>;
    medianMin: number | null;
    p90Min: number | null;
    maxMin: number | null;
  };
  complianceByPriority: Array<{ priority: string; calls: number; met: number; breached: number; open: number; rate: number | null }>;
  resolutionByCategory: Array<{ category: string; decided: number; resolvedInTarget: number; rate: number | null; target: number | null; below: boolean }>;
  results: Array<{ result: string; calls: number }>;
  satisfaction: Array<{ feedback: string; calls: number }>;
  scoresByDay: Array<{ date: string; speed: number | null; professionalism: number | null; resolution: number | null }>;
  topReasons: Array<{ reason: string; calls: number }>;
  agents: Array<{ agent: string; calls: number; avgResponseMin: number | null; breaches: number; openFollowUps: number }>;
  transfers: Array<{ department: string; transfers: number; avgSecondResponseMin: number | null; breached: number }>;
  followUps: { resolutionsOpen: number; resolutionsOverdue: number; callbacksOpen: number; callbacksOverdue: number; leadFollowUpsOpen: number; leadFollowUpsOverdue: number };
}

/** The figures an improvement measure can be judged by. */
export const MEASURE_METRICS = ['responseCompliance', 'avgResponseMin', 'resolutionRate', 'satisfaction', 'breachesPer100'] as const;
export type MeasureMetric = (typeof MEASURE_METRICS)[number];
/** Whether a higher value is better: an effect is an improvement in that direction. */
export const HIGHER_IS_BETTER: Record<MeasureMetric, boolean> = {
  responseCompliance: true,
  avgResponseMin: false,
  resolutionRate: true,
  satisfaction: true,
  breachesPer100: false,
};

export interface MeasureView {
  id: number;
  problem: string;
  rootCause: string;
  measure: string;
  owner: string;
  deadline: string;
  startDate: string;
  metric: MeasureMetric;
  /** The figure over equal periods before and after the start date, from the records. */
  effect: { before: number | null; after: number | null; beforeRange: [string, string]; afterRange: [string, string] };
}
