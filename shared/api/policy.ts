import type { PolicyVersion } from './records';

/** A signed-off day a policy change touches, and how many of its records. */
export interface TouchedDay {
  deskCode: string;
  localDate: string;
  records: number;
}

/** What saving a version would do to the records already logged, shown before anything changes. */
export interface PolicyImpact {
  /** The version's start (epoch ms): the effective-from date 00:00 in the policy's zone, or now. */
  effectiveFrom: number;
  /** Where the next later version takes over; null: in force from then on. */
  effectiveUntil: number | null;
  /** The policy's zone, in which the dates above are shown. */
  timeZone: string;
  /** Records whose call time falls in the span: each is re-judged by the new version. */
  records: number;
  /** Of those, the records that get other due times. */
  dueTimesChanged: number;
  /** Of those, the records whose outcome changes (met ↔ late, a missed target, overdue now). */
  verdictsChanged: number;
  /** Signed-off days among them: saving needs a reason when there is any. */
  signedOffDays: TouchedDay[];
}

/** A version just saved, with what its re-judge did. */
export interface SavedPolicy extends PolicyVersion {
  /** Where the next later version takes over; null: in force from then on. */
  effectiveUntil: number | null;
  recordsRejudged: number;
  verdictsChanged: number;
  signedOffDays: TouchedDay[];
  /** Whether it is the version in force now (a back-dated version may end where a later one starts). */
  inForceNow: boolean;
}

/** One entry of the policy-level trail: a save or import of a version. */
export interface PolicyTrailEntry {
  version: number;
  actor: string;
  at: number;
  /** 'screen', 'cli', or 'before trail' (saved before the trail existed). */
  source: string;
  effectiveFrom: number;
  /** Where its span ends as the versions stand now: the next later version's start; null: nothing follows. */
  effectiveUntil: number | null;
  timeZone: string;
  reason: string | null;
  recordsRejudged: number;
  verdictsChanged: number;
  signedOffDays: Array<{ deskCode: string; localDate: string }>;
  /** False while its re-judge is under way. */
  completed: boolean;
}
