import type { CallResult, CustomerType, Feedback, MissReasonCode, RequestType } from '../../shared/domain/fields';
import type { Policy } from '../../shared/policy/schema';
import type { TargetKind } from '../../shared/timing/compliance';
import { NO_DUE_TIMES } from '../records/dueColumns';
import type { CallRow } from '../store/schema';
import { Weighted, type Rng } from './random';
import { DEPARTMENTS, FEEDBACK_REASONS, REMARKS, RESULT_NOTES, SALUTATION_SURNAMES, STEP_PHRASES, TOPICS, type Topic } from './vocabulary';

/**
 * One demo call as it happens on the line: waiting, answer, transfers, handling
 * steps, result, feedback, closing. What comes after closing (follow-ups,
 * callbacks, reasons for misses) is afterCall.ts.
 */

export type CallColumns = Omit<CallRow, 'id'>;
export interface DemoTransfer {
  seq: number;
  to_owner: string;
  transferred_at: number;
  answered_at: number | null;
  due_at: number | null;
}
export interface DemoStep {
  n: number;
  at: number;
  author: string;
  text: string;
}
export interface DemoReason {
  kind: TargetKind;
  idx: number;
  code: MissReasonCode;
  text: string | null;
  author: string;
  at: number;
}
export interface DemoCall {
  row: CallColumns;
  transfers: DemoTransfer[];
  steps: DemoStep[];
  reasons: DemoReason[];
}

export interface Person {
  id: number;
  name: string;
}

/** Where and when one call comes in, and the policy version it is judged by. */
export interface CallSlot {
  deskCode: string;
  zone: string;
  callAt: number;
  localDate: string;
  /** The hour of day of callAt in the zone (the statistics' peak hours). */
  localHour: number;
  recordNo: string;
  policyId: number | null;
  policy: Policy;
  priorities: Weighted<string>;
}

/** How the call ends: resolved on the line, resolved later on a follow-up, or left with a result to follow. */
export type Outcome = 'resolved' | 'resolvedLater' | 'in_progress' | 'cannot_resolve' | 'escalated';

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

const REQUEST_TYPES = new Weighted<RequestType>([
  ['consultation', 40],
  ['complaint', 12],
  ['fault_report', 25],
  ['service_change', 15],
  ['suggestion', 8],
]);
const TOPIC_TABLES = Object.fromEntries(Object.entries(TOPICS).map(([type, topics]) => [type, new Weighted(topics)])) as Record<RequestType, Weighted<Topic>>;
const CUSTOMER_TYPES = new Weighted<CustomerType>([['regular', 75], ['vip', 15], ['enterprise', 10]]);
const OUTCOMES = new Weighted<Outcome>([['resolved', 68], ['resolvedLater', 12], ['in_progress', 10], ['cannot_resolve', 5], ['escalated', 5]]);
const STEP_COUNTS = new Weighted([[1, 20], [2, 35], [3, 30], [4, 15]] as const);
const DEPARTMENT_TABLE = new Weighted(DEPARTMENTS.map(([name, staff, weight]) => [{ name, staff }, weight] as const));

/**
 * Seconds from the ring to the first answer: mostly under five minutes, with a
 * long tail (about 5 % past urgent's 15 min, 1.5 % past important's hour, 0.1 % past general's 4 h).
 */
function responseWaitMs(rng: Rng): number {
  const x = rng.next();
  const s =
    x < 0.55 ? rng.int(0, 59)
    : x < 0.85 ? rng.int(60, 299)
    : x < 0.95 ? rng.int(300, 899)
    : x < 0.985 ? rng.int(900, 3599)
    : x < 0.999 ? rng.int(3600, 14399)
    : rng.int(14400, 18000);
  return s * SEC;
}

/** Priority levels of a policy and their shares: first ~10 %, last ~60 %, the ones between share ~30 %. */
export function priorityTable(policy: Policy): Weighted<string> {
  const keys = policy.priorities.map((l) => l.key);
  if (keys.length === 1) return new Weighted([[keys[0]!, 1]]);
  if (keys.length === 2) return new Weighted([[keys[0]!, 30], [keys[1]!, 70]]);
  return new Weighted(keys.map((k, i) => [k, i === 0 ? 10 : i === keys.length - 1 ? 60 : 30 / (keys.length - 2)] as const));
}

/** How long the agent gives a follow-up to come due, by how urgent the call is. */
export function followUpLeadMs(rng: Rng, priority: string, policy: Policy): number {
  const rank = policy.priorities.findIndex((l) => l.key === priority);
  if (rank === 0) return rng.int(60, 120) * MIN;
  if (rank === policy.priorities.length - 1) return rng.int(20, 70) * HOUR;
  return rng.int(4, 22) * HOUR;
}

/** A call from ring to close; what happens after closing is afterCall.ts's. */
export function callOnTheLine(rng: Rng, slot: CallSlot, agent: Person, lead: Person): { call: DemoCall; outcome: Outcome } {
  const requestType = REQUEST_TYPES.draw(rng);
  const topic = TOPIC_TABLES[requestType].draw(rng);
  const priority = slot.priorities.draw(rng);
  const { callAt } = slot;
  const answeredAt = callAt + responseWaitMs(rng);

  // Seed 001: complex calls are transferred within 30 min of the answer; most are, some are not.
  const transfers: DemoTransfer[] = [];
  let t = answeredAt;
  let handler = rng.chance(0.1) ? lead.name : agent.name;
  if (rng.chance(0.2)) {
    const count = rng.chance(0.08) ? 2 : 1;
    let previous = '';
    for (let seq = 1; seq <= count; seq++) {
      let dept = DEPARTMENT_TABLE.draw(rng);
      if (dept.name === previous) dept = DEPARTMENT_TABLE.draw(rng);
      previous = dept.name;
      t += (seq === 1 && rng.chance(0.05) ? rng.int(1800, 3000) : rng.int(60, 600)) * SEC;
      const wait = (rng.chance(0.08) ? rng.int(900, 2700) : rng.int(30, 480)) * SEC;
      transfers.push({ seq, to_owner: dept.name, transferred_at: t, answered_at: t + wait, due_at: null });
      handler = `${dept.name}${rng.pick(dept.staff)}`;
      t += wait + rng.int(120, 900) * SEC;
    }
  }
  const closedAt = t + rng.int(60, 720) * SEC;

  const outcome = OUTCOMES.draw(rng);
  const result: CallResult = outcome === 'resolved' ? 'resolved' : outcome === 'resolvedLater' ? 'in_progress' : outcome;
  const resolvedAt = outcome === 'resolved' ? closedAt - rng.int(10, 50) * SEC : null;
  const followUpDue = result === 'in_progress' ? roundUpToHalfHour(closedAt + followUpLeadMs(rng, priority, slot.policy)) : null;

  const late = answeredAt - callAt > 10 * MIN;
  const feedback = feedbackOf(rng, late, outcome, requestType);
  const scores = feedback !== null && rng.chance(0.35) ? scoresOf(rng, feedback, late) : [null, null, null];

  const row: CallColumns = {
    desk_code: slot.deskCode,
    record_no: slot.recordNo,
    local_date: slot.localDate,
    local_hour: slot.localHour,
    time_zone: slot.zone,
    agent: agent.name,
    agent_id: agent.id,
    call_at: callAt,
    answered_at: answeredAt,
    salutation: `${rng.pick(SALUTATION_SURNAMES)}${rng.chance(0.5) ? '女士' : '先生'}`,
    phone_last4: String(rng.int(0, 9999)).padStart(4, '0'),
    customer_type: CUSTOMER_TYPES.draw(rng),
    request_type: requestType,
    category: topic.category,
    priority,
    reason: topic.reason,
    handler,
    result,
    follow_up_due_at: followUpDue,
    follow_up_owner: result === 'in_progress' ? handler : null,
    result_note: result === 'cannot_resolve' ? rng.pick(RESULT_NOTES) : null,
    feedback,
    feedback_reason: feedback === 'unsatisfied' ? (late ? '等待时间太长' : rng.pick(FEEDBACK_REASONS)) : null,
    score_speed: scores[0]!,
    score_professionalism: scores[1]!,
    score_resolution: scores[2]!,
    remarks: result === 'escalated' ? `已升级至${rng.chance(0.5) ? '主管' : `${transfers[0]?.to_owner ?? '售后部'}经理`}处理` : rng.chance(0.1) ? rng.pick(REMARKS) : null,
    closed_at: closedAt,
    created_at: callAt,
    updated_at: closedAt,
    policy_id: slot.policyId,
    resolved_at: resolvedAt,
    result_told_at: resolvedAt,
    callback_done_at: null,
    callback_by: null,
    callback_outcome: null,
    lead_follow_up_done_at: null,
    lead_follow_up_by: null,
    lead_follow_up_outcome: null,
    ...NO_DUE_TIMES,
    clock_behind_ms: null,
    // Demo calls are logged at the desk, not imported.
    source_ref: null,
    untracked_targets: null,
    import_batch: null,
    voided_at: null,
    voided_by: null,
    void_reason: null,
  };
  return { call: { row, transfers, steps: handlingSteps(rng, row, agent.name), reasons: [] }, outcome };
}

/** One to four consecutive phrases of the call's category, spread evenly over the call. */
function handlingSteps(rng: Rng, row: CallColumns, author: string): DemoStep[] {
  const phrases = STEP_PHRASES[row.category as keyof typeof STEP_PHRASES];
  const k = Math.min(STEP_COUNTS.draw(rng), phrases.length);
  const first = rng.int(0, phrases.length - k);
  const from = row.answered_at!;
  const span = row.closed_at! - from;
  const steps: DemoStep[] = [];
  for (let i = 0; i < k; i++) {
    const at = from + Math.round((span * (i + 1)) / (k + 1) / SEC) * SEC;
    steps.push({ n: i + 1, at, author, text: phrases[first + i]! });
  }
  return steps;
}

/** Most customers are asked (85 %); long waits, unresolvable problems and complaints leave more of them unsatisfied. */
function feedbackOf(rng: Rng, late: boolean, outcome: Outcome, requestType: RequestType): Feedback | null {
  if (!rng.chance(0.85)) return null;
  const unsatisfied = 0.05 + (late ? 0.25 : 0) + (outcome === 'cannot_resolve' ? 0.2 : 0) + (requestType === 'complaint' ? 0.08 : 0);
  const x = rng.next();
  return x < unsatisfied ? 'unsatisfied' : x < unsatisfied + 0.2 ? 'basically_satisfied' : 'satisfied';
}

/** Speed, professionalism, resolution (1–5), in line with the feedback; a long wait costs a point of speed. */
function scoresOf(rng: Rng, feedback: Feedback, late: boolean): [number, number, number] {
  const [low, high] = feedback === 'satisfied' ? [4, 5] : feedback === 'basically_satisfied' ? [3, 4] : [1, 3];
  const speed = Math.max(1, rng.int(low, high) - (late ? 1 : 0));
  return [speed, rng.int(low, high), rng.int(low, high)];
}

function roundUpToHalfHour(ms: number): number {
  return Math.ceil(ms / (30 * MIN)) * 30 * MIN;
}
