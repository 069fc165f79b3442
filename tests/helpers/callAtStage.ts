import type { UpdatePatch } from '../../shared/api/contract';
import type { CallRecord } from '../../shared/api/records';
import type { CallResult, MissReasonCode } from '../../shared/domain/fields';
import { dueAt } from '../../shared/timing/calendar';
import { evaluateTargets, levelOf, type TargetKind } from '../../shared/timing/compliance';
import type { TestDesk } from './tempStore';

/**
 * How far a call has got. Each stage is reached through the real handlers, with
 * the requests a desk sends, so its rules, audit rows and due times are the app's:
 * - started: New call pressed (and the fields typed);
 * - answered: then answered;
 * - transferred: then handed to another department (its answer optional);
 * - closed: then given a result (resolved unless told otherwise) and closed;
 * - breached: answered after its response target was missed, with the miss's reason given.
 */
export type CallStage = 'started' | 'answered' | 'transferred' | 'closed' | 'breached';

/** What the desk types and when; every time is in minutes the desk's clock moves on before that moment. */
export interface CallOptions {
  /** The clock's reading (epoch ms) when New call is pressed; unset: wherever the clock stands. */
  startAt?: number;
  /** Typed right after New call, as updateCall's patch (priority, category, reason…). */
  fields?: UpdatePatch;
  /** From the call coming in to its answer. Default 0; for 'breached', a minute past the response target. */
  answerAfter?: number;
  /** Why the response (or another target) was missed; 'breached' gives `overload` when unset, and none when null (a miss still to explain). */
  missReason?: { code: MissReasonCode; text?: string; kind?: TargetKind; index?: number } | null;
  /** A transfer after the answer (always made for 'transferred'; default to 技术部, unanswered). */
  transfer?: { to?: string; after?: number; answeredAfter?: number };
  /** Handling steps, logged after the answer (and the transfer). */
  steps?: string[];
  /** The result chosen, with what it needs (follow-up due and owner when in progress); 'closed' defaults to resolved. */
  result?: CallResult;
  followUpDue?: string;
  followUpOwner?: string;
  note?: string;
  /** From the last moment before the close to the close. */
  closeAfter?: number;
}

const ORDER: Record<CallStage, number> = { started: 0, answered: 1, breached: 1, transferred: 2, closed: 3 };

/**
 * Brings a new call to `stage` through the desk's own requests, in the order a
 * desk makes them: start, fields, answer, miss reason, transfer (and its answer),
 * steps, result, close. Returns the record as the last request answered it.
 * @example const call = await callAtStage(desk, 'closed', { fields: { priority: 'urgent' }, answerAfter: 2 });
 */
export async function callAtStage(desk: TestDesk, stage: CallStage, options: CallOptions = {}): Promise<CallRecord> {
  if (options.startAt !== undefined) desk.clock.ms = options.startAt;
  let record = await desk.ok('startCall', {});
  const id = record.id;
  if (options.fields) record = await desk.ok('updateCall', { id, patch: options.fields });
  if (ORDER[stage] === 0) return record;

  desk.clock.advance(options.answerAfter ?? (stage === 'breached' ? await minutesToMissResponse(desk, record) : 0));
  record = await desk.ok('answerCall', { id });
  if (stage === 'breached' && !(await responseBreached(desk, record))) {
    throw new Error(`callAtStage: answered after ${record.responseMinutes} min, the response target of ${record.recordNo} was met; answer later.`);
  }
  const miss = options.missReason === null ? undefined : (options.missReason ?? (stage === 'breached' ? { code: 'overload' as const } : undefined));
  if (miss) {
    const { code, text, kind = 'response', index = 0 } = miss;
    record = await desk.ok('addMissReason', { id, kind, index, code, ...(text === undefined ? {} : { text }) });
  }

  if (stage === 'transferred' || options.transfer) {
    const { to = '技术部', after = 0, answeredAfter } = options.transfer ?? {};
    desk.clock.advance(after);
    record = await desk.ok('transferCall', { id, to });
    if (answeredAfter !== undefined) {
      desk.clock.advance(answeredAfter);
      record = await desk.ok('answerTransfer', { id });
    }
  }
  for (const text of options.steps ?? []) record = await desk.ok('addStep', { id, text });

  const result = options.result ?? (stage === 'closed' ? 'resolved' : undefined);
  if (result !== undefined) {
    const { followUpDue, followUpOwner, note } = options;
    record = await desk.ok('setResult', { id, result, ...(followUpDue && { followUpDue }), ...(followUpOwner && { followUpOwner }), ...(note && { note }) });
  }
  if (stage === 'closed') {
    desk.clock.advance(options.closeAfter ?? 0);
    record = await desk.ok('closeCall', { id });
  }
  return record;
}

/** Minutes from now to one past the record's response due time, under the policy version it is judged by. */
async function minutesToMissResponse(desk: TestDesk, record: CallRecord): Promise<number> {
  const { policy } = await desk.ok('getPolicy', { version: record.policyVersion! });
  const due = dueAt(record.callAt, levelOf(policy, record.priority).response, policy.calendar);
  return Math.max(0, Math.ceil((due - desk.clock.ms) / 60_000) + 1);
}

/** The record's response target as the desk's screen judges it now. */
async function responseBreached(desk: TestDesk, record: CallRecord): Promise<boolean> {
  const { policy } = await desk.ok('getPolicy', { version: record.policyVersion! });
  return evaluateTargets(record.timing, policy, desk.clock.ms).find((t) => t.kind === 'response')?.state === 'breached';
}
