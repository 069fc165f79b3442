import type { Policy, PolicyDuration, PriorityLevel } from '../policy/schema';
import { dueAt, elapsedOn, targetLength } from './calendar';

/**
 * Per record and per target: due time, elapsed, remaining and a state, from the
 * record's timestamps, the policy in force when its call came in, and `now`.
 * One implementation, run by the main process (to refuse closing a breached
 * record without a reason) and by the renderer (live countdowns).
 */

export const TARGET_KINDS = [
  'response',
  'secondResponse',
  'transferWithin',
  'resolution',
  'progressUpdate',
  'resultTold',
  'callback',
  'leadFollowUp',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export type TargetState = 'met' | 'running' | 'near' | 'breached' | 'na';

/** A record's timestamps and the facts its targets depend on. */
export interface TimingInput {
  callAt: number;
  answeredAt: number | null;
  priority: string | null;
  requestType: string | null;
  transfers: ReadonlyArray<{ transferredAt: number; answeredAt: number | null }>;
  /** The last handling step or contact: progress updates are counted from it. */
  lastUpdateAt: number | null;
  result: string | null;
  resolvedAt: number | null;
  resultToldAt: number | null;
  closedAt: number | null;
  feedback: string | null;
  scores: ReadonlyArray<number | null>;
  /** Call reason and feedback reason, read for complaints about slow response. */
  texts: ReadonlyArray<string | null>;
  callbackDoneAt: number | null;
  leadFollowUpDoneAt: number | null;
  /**
   * Targets the record's source never tracked (an imported sheet without a callback
   * column): judged 'na', so history is not read as failing them. Empty at the desk.
   */
  untracked: readonly TargetKind[];
}

export interface TargetStatus {
  kind: TargetKind;
  /** Which transfer, for second responses; 0 otherwise. */
  index: number;
  state: TargetState;
  startAt: number | null;
  dueAt: number | null;
  endAt: number | null;
  /** On the target's own clock (wall or working time). */
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  /** Fraction of the target used; above 1 when breached. */
  used: number;
}

/** Targets whose misses need a reason before the record closes or its day is signed off. */
export const REASON_REQUIRED: ReadonlySet<TargetKind> = new Set([
  'response',
  'secondResponse',
  'transferWithin',
  'resolution',
  'resultTold',
  'callback',
  'leadFollowUp',
]);

const SLOW_RESPONSE = /响应慢|回复慢|接听慢|等待时间[太过]?长|等[了得]?太久|没人接|slow (response|reply|answer)|waited too long|took too long/i;

/** The level a record is judged by: its own, else the policy's default. */
export function levelOf(policy: Policy, priority: string | null): PriorityLevel {
  return policy.priorities.find((l) => l.key === priority) ?? policy.priorities.find((l) => l.key === policy.defaultPriority)!;
}

/** Complaints and unsatisfied customers are called back (seed 004). */
export function needsCallback(input: TimingInput): boolean {
  return input.requestType === 'complaint' || input.feedback === 'unsatisfied';
}

/** Unsatisfied, any score at or below the threshold, or a complaint about slow response (seed 002). */
export function isLowSatisfaction(input: TimingInput, policy: Policy): boolean {
  return (
    input.feedback === 'unsatisfied' ||
    input.scores.some((s) => s !== null && s <= policy.lowScoreAtMost) ||
    (input.requestType === 'complaint' && input.texts.some((t) => t !== null && SLOW_RESPONSE.test(t)))
  );
}

/**
 * Every target of a record, in a fixed order (second responses one per transfer);
 * a target in `input.untracked` is 'na' whatever the record's moments.
 * @example evaluateTargets(record, policy, Date.now()).find((t) => t.kind === 'response')?.state
 */
export function evaluateTargets(input: TimingInput, policy: Policy, now: number): TargetStatus[] {
  const level = levelOf(policy, input.priority);
  const cal = policy.calendar;
  const judge = (kind: TargetKind, index: number, duration: PolicyDuration, start: number | null, end: number | null, applies = true): TargetStatus => {
    if (!applies || start === null || input.untracked.includes(kind)) return { kind, index, state: 'na', startAt: start, dueAt: null, endAt: end, elapsedMs: 0, remainingMs: 0, used: 0 };
    const due = dueAt(start, duration, cal);
    const length = targetLength(duration, cal).ms;
    const elapsedMs = elapsedOn(duration, start, end ?? now, cal);
    const used = length > 0 ? elapsedMs / length : 1;
    const state: TargetState =
      end !== null ? (end <= due ? 'met' : 'breached') : now > due ? 'breached' : used >= policy.warningAt ? 'near' : 'running';
    return { kind, index, state, startAt: start, dueAt: due, endAt: end, elapsedMs, remainingMs: length - elapsedMs, used };
  };

  const inProgress = (input.result === 'in_progress' || input.result === 'escalated') && input.resolvedAt === null;
  const firstTransfer = input.transfers[0];
  return [
    judge('response', 0, level.response, input.callAt, input.answeredAt),
    ...input.transfers.map((t, i) => judge('secondResponse', i, policy.secondResponse, t.transferredAt, t.answeredAt)),
    judge('transferWithin', 0, policy.transferWithin, input.answeredAt ?? input.callAt, firstTransfer?.transferredAt ?? null, firstTransfer !== undefined),
    judge('resolution', 0, level.resolution, input.callAt, input.resolvedAt, input.result !== 'cannot_resolve'),
    judge('progressUpdate', 0, level.progressEvery, input.lastUpdateAt ?? input.answeredAt ?? input.callAt, null, inProgress),
    judge('resultTold', 0, policy.resultToldWithin, input.resolvedAt, input.resultToldAt),
    judge('callback', 0, policy.callbackWithin, input.closedAt, input.callbackDoneAt, needsCallback(input)),
    judge('leadFollowUp', 0, policy.leadFollowUpWithin, input.closedAt, input.leadFollowUpDoneAt, isLowSatisfaction(input, policy)),
  ];
}

/** Breached targets that need a reason and have none yet. */
export function missingReasons(targets: readonly TargetStatus[], reasons: ReadonlyArray<{ kind: string; index: number }>): TargetStatus[] {
  return targets.filter(
    (t) => t.state === 'breached' && REASON_REQUIRED.has(t.kind) && !reasons.some((r) => r.kind === t.kind && r.index === t.index),
  );
}
