import type { CallResult, Category, CustomerType, Feedback, MissReasonCode, RequestType } from '../domain/fields';
import type { Policy } from '../policy/schema';
import type { TargetKind, TimingInput } from '../timing/compliance';

/** Plain data that crosses the process boundary: what the renderer reads. */

export interface DeskInfo {
  code: string;
  timeZone: string;
  agentName: string;
}

export type Role = 'agent' | 'team_lead' | 'admin';

/** A local profile at this desk. */
export interface UserView {
  id: number;
  name: string;
  role: Role;
  hasPin: boolean;
  active: boolean;
}

/** One change to a record after it was first saved (append-only). */
export interface AuditEntry {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  actor: string;
  at: number;
  reason: string | null;
}

/** Something that stands in the way of signing a day off. */
export interface DayBlocker {
  callId: number;
  recordNo: string;
  /** open: neither closed nor handed to a follow-up owner; reason: a missed target has no reason. */
  problem: 'open' | 'reason';
  target?: TargetKind;
  index?: number;
}

/** A policy version saved after a day's sign-off that changed its records (due times or verdicts). */
export interface DayRejudge {
  version: number;
  /** When it was saved, and by whom. */
  at: number;
  actor: string;
  /** Its start (epoch ms; 0: from the start). */
  effectiveFrom: number;
  /** How many of the day's records it changed; null on trail rows from before the count was kept. */
  records: number | null;
  reason: string | null;
}

export interface DayStatus {
  date: string;
  /** The day has ended in the desk's zone: only then can it be signed off. */
  over: boolean;
  signedOff: { by: string; at: number } | null;
  /** Later policy versions that re-judged the signed-off day, oldest first. */
  rejudgedAfter: DayRejudge[];
  /** Empty when the day can be signed off. */
  blockers: DayBlocker[];
  records: number;
}

export interface TransferView {
  seq: number;
  to: string;
  transferredAt: number;
  answeredAt: number | null;
  /** 二次响应时长: transfer answered − transfer time, in minutes. */
  secondResponseMinutes: number | null;
}

export interface StepView {
  n: number;
  at: number;
  author: string;
  /** The step's own words (for a follow-up's step, what came of it). */
  text: string;
  /** The follow-up this step completed: the page labels it in its language ('进展同步：…'). */
  followUp?: FollowUpKind;
}

export interface CallRecord {
  id: number;
  deskCode: string;
  recordNo: string;
  /** Local date of the call in the desk's zone, 'YYYY-MM-DD'. */
  localDate: string;
  timeZone: string;
  agent: string;
  callAt: number;
  answeredAt: number | null;
  /** 响应时长: answer − call, in minutes. */
  responseMinutes: number | null;
  salutation: string | null;
  phoneLast4: string | null;
  customerType: CustomerType | null;
  requestType: RequestType | null;
  category: Category | null;
  /** A level key of the record's policy (urgent / important / general by default). */
  priority: string | null;
  reason: string | null;
  handler: string | null;
  transfers: TransferView[];
  steps: StepView[];
  result: CallResult | null;
  followUpDueAt: number | null;
  followUpOwner: string | null;
  resultNote: string | null;
  feedback: Feedback | null;
  feedbackReason: string | null;
  scoreSpeed: number | null;
  scoreProfessionalism: number | null;
  scoreResolution: number | null;
  /** Mean of the scores given, one decimal. */
  overallScore: number | null;
  remarks: string | null;
  closedAt: number | null;
  /** The policy version in force when the call came in; the record is judged by it. */
  policyVersion: number | null;
  resolvedAt: number | null;
  resultToldAt: number | null;
  callbackDoneAt: number | null;
  callbackBy: string | null;
  callbackOutcome: string | null;
  leadFollowUpDoneAt: number | null;
  leadFollowUpBy: string | null;
  leadFollowUpOutcome: string | null;
  missReasons: MissReasonView[];
  /**
   * How far (ms) the system clock was found behind an earlier moment of this record
   * when a click was logged on it (the click was logged at that moment instead);
   * null: never. A team lead should check the record's times.
   */
  clockBehindMs: number | null;
  /**
   * The record's number in the sheet it was imported from (seed 000's TECH20240501001,
   * seed 004's 20231027001); null for calls logged at a desk. Unique per desk.
   */
  sourceRef: string | null;
  /** Voided as logged by mistake: who, when and why (read-only from then on); null for a real call. */
  voided: VoidMark | null;
  /** What the timing core needs, so the renderer shows live countdowns with the same code. */
  timing: TimingInput;
  /**
   * The phone system's facts of the call, for a record the phone opened (issue 15): the hang-up the
   * record itself has no moment for. Null when no phone call is linked, and for another desk's
   * record read from the team server. Read with the record, never audited nor pushed: the team
   * server gets the phone facts on their own (phone_calls).
   */
  phone: PhoneFacts | null;
}

/** What the phone system said of a record's call: who reported it, its hang-up, the caller's wait and the talk time. */
export interface PhoneFacts {
  source: 'ami' | 'cti';
  answeredAt: number | null;
  /** The hang-up; null while the call is up. */
  endedAt: number | null;
  /** Why it ended, as the phone system said (normalClearing, cancel, busy, …). */
  cause: string | null;
  waitSec: number | null;
  /** Answer to hang-up, seconds; null when not answered or not ended. */
  talkSec: number | null;
}

/** A record voided as logged by mistake. */
export interface VoidMark {
  at: number;
  by: string;
  reason: string;
}

export interface MissReasonView {
  kind: TargetKind;
  index: number;
  code: MissReasonCode;
  text: string | null;
  author: string;
  at: number;
}

export interface PolicyVersion {
  version: number;
  effectiveFrom: number;
  createdBy: string;
  policy: Policy;
  /** getPolicy only: the desk is linked and the team server manages its policy, so the Policy screen is read-only. */
  managedByTeam?: boolean;
}

export type FollowUpKind = 'resolution' | 'progressUpdate' | 'resultTold' | 'callback' | 'leadFollowUp';

/** One piece of open work on the Follow-ups view. */
export interface FollowUpItem {
  callId: number;
  recordNo: string;
  salutation: string | null;
  reason: string | null;
  kind: FollowUpKind;
  dueAt: number;
  state: 'running' | 'near' | 'breached';
  /** Left (negative: over) on the target's own clock (working time where it counts so); the screen words it on the wall clock from dueAt (dueSpanText). */
  remainingMs: number;
  owner: string | null;
  /** The follow-up time the agent promised the customer, when there is one. */
  promisedAt: number | null;
}

/** One row of the day list. */
export interface CallSummary {
  id: number;
  recordNo: string;
  callAt: number;
  answeredAt: number | null;
  responseMinutes: number | null;
  salutation: string | null;
  reason: string | null;
  category: Category | null;
  /** A level key of the record's policy (urgent / important / general by default). */
  priority: string | null;
  result: CallResult | null;
  closedAt: number | null;
  agent: string;
  policyVersion: number | null;
  timing: TimingInput;
  /** Targets that already have a miss reason. */
  reasonsGiven: Array<{ kind: TargetKind; index: number }>;
  /** When it was voided as logged by mistake; null for a real call. The day list shows it marked, with no targets. */
  voidedAt: number | null;
}

export interface DayList {
  date: string;
  timeZone: string;
  records: CallSummary[];
}
