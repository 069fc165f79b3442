import type { Kysely } from 'kysely';
import type { CallEvent } from '../../shared/telephony/callEvents';
import type { PhoneCallNews } from '../../shared/api/telephony';
import type { Database, DeskRow, PhoneCallRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { findCall, insertTransfer, listSteps, listTransfers, markTransferAnswered, moveTransferHandover, updateCall } from '../store/calls';
import { findPhoneCall, insertPhoneCall, markCalledBack, openMissedCallsOf, updatePhoneCall } from '../store/phoneCalls';
import { findUser } from '../store/users';
import { localDate, localHour } from '../../shared/timing/localTime';
import { changeRecordIn } from './callRecord';
import { openRecord, type RecordAgent } from './openRecord';
import { requireDesk, type Session } from './deskAndUser';
import { logMissedCall, voidUntouched } from './missedCalls';

/**
 * What the desk does with the phone system's events (issue 15): one event, one
 * write transaction, whatever order or how often events arrive.
 *
 * - The call's facts go into `phone_calls`, keyed by (pbx, call id): the first
 *   event makes the row, later ones fill it in. That row is the call's state,
 *   so a replayed transcript finds everything already done and changes nothing.
 * - An inbound call that rings this desk (or reaches it directly) opens a
 *   record by itself, with the call time of the event (queue entry, else the
 *   first ring) and the caller's last four digits.
 * - Answer and transfer events stamp the record's moments through the records
 *   core (audit included, with the phone system as the actor). Where the agent
 *   clicked first, the event's time wins, as long as the moments stay in order.
 * - A call that ends unanswered leaves a missed call (records/missedCalls.ts);
 *   a record it opened that nobody worked on is voided, naming the missed call.
 * - An outbound call to a number with the same last four digits calls back
 *   that caller's open missed calls.
 */

export interface PhoneEventContext {
  db: Kysely<Database>;
  now: () => number;
  /** The profile signed in at this desk now: a record the phone opens is their call. */
  atDesk: () => number | null;
}

/** What an event did, for the desk's screen (a record to open, a missed call to show): the `phoneCall` event's payload. */
export type PhoneEventOutcome = PhoneCallNews;

export async function applyCallEvent(ctx: PhoneEventContext, event: CallEvent): Promise<PhoneEventOutcome> {
  return inWriteTransaction(ctx.db, async (trx) => {
    const desk = await requireDesk(trx);
    const now = ctx.now();
    const known = await findPhoneCall(trx, event.source.pbx, event.callId);
    const call = known ? await mergeFacts(trx, known, event, desk.time_zone, now) : await insertPhoneCall(trx, firstFacts(event, desk, now));
    const outcome: PhoneEventOutcome = { recordId: call.call_record_id, opened: false, missedCallId: call.missed_call_id, calledBack: 0, numberLast4: call.number_last4 };

    if (call.direction === 'out') {
      if (call.number_last4 !== null && (event.kind === 'offered' || event.kind === 'answered')) {
        const open = await openMissedCallsOf(trx, call.number_last4, call.offered_at);
        outcome.calledBack = await markCalledBack(trx, open.map((m) => m.id), call.offered_at, await agentAtDesk(trx, ctx, desk).then((a) => a.name), 'outboundCall');
      }
      return outcome;
    }

    const session: Session = { userId: null, phone: { system: event.source.system } };
    const phone = { db: trx, now: () => now, session };
    if (call.call_record_id === null && call.missed_call_id === null && reachesThisDesk(event)) {
      const id = await openRecord(trx, desk, await agentAtDesk(trx, ctx, desk), call.offered_at, now, { phone_last4: call.number_last4 });
      await updatePhoneCall(trx, call.id, { call_record_id: id });
      call.call_record_id = id;
      Object.assign(outcome, { recordId: id, opened: true });
    }
    if (call.call_record_id !== null) await stampMoments(trx, phone, call, event);
    if (event.kind === 'ended' && call.missed_call_id === null) {
      if (event.unanswered) {
        const missed = await logMissedCall(trx, phone, desk, call, now);
        if (missed !== null) outcome.missedCallId = missed;
      } else if (call.call_record_id !== null && answeredElsewhere(call, event)) {
        // It rang here and a colleague took it (a queue's next agent, a pickup): no missed call, and the record it opened is nobody's work here.
        await voidUntouched(trx, phone, call.call_record_id, `answered at another extension (${event.agent})`, now);
      }
    }
    return outcome;
  });
}

/** An answered call's end naming another agent than the one it rang here, with no answer seen on this desk. */
function answeredElsewhere(call: PhoneCallRow, event: Extract<CallEvent, { kind: 'ended' }>): boolean {
  return event.agent !== null && call.agent !== null && event.agent !== call.agent;
}

/** Whether an event puts the call on this desk: it rang or reached the agent (a queue entry alone belongs to the queue until it does). */
function reachesThisDesk(event: CallEvent): boolean {
  if (event.kind === 'offered') return event.agent !== null;
  return event.kind === 'ringing' || event.kind === 'answered' || event.kind === 'transferred';
}

/** A record the phone opens is the call of whoever is signed in at the desk, else of the desk's agent. */
async function agentAtDesk(trx: Kysely<Database>, ctx: PhoneEventContext, desk: DeskRow): Promise<RecordAgent> {
  const userId = ctx.atDesk();
  const user = userId === null ? undefined : await findUser(trx, userId);
  return user && user.active ? { name: user.name, id: user.id } : { name: desk.agent_name, id: null };
}

/** When the call came in as far as one event can tell: its own time, or worked back from the wait it reports. */
function offeredAtOf(event: CallEvent): number {
  const wait = event.kind === 'answered' || event.kind === 'ended' ? event.waitSec : null;
  return wait !== null ? event.at - Math.round(wait * 1000) : event.at;
}

function firstFacts(event: CallEvent, desk: DeskRow, now: number) {
  const offeredAt = offeredAtOf(event);
  return {
    pbx: event.source.pbx,
    call_id: event.callId,
    system: event.source.system,
    direction: event.kind === 'offered' ? event.direction : ('in' as const),
    queue: 'queue' in event ? event.queue : null,
    agent: 'agent' in event ? event.agent : null,
    number_last4: event.kind === 'offered' ? event.numberLast4 : null,
    clock: event.clock,
    offered_at: offeredAt,
    local_date: localDate(offeredAt, desk.time_zone),
    local_hour: localHour(offeredAt, desk.time_zone),
    updated_at: now,
    ...answerFacts(event, offeredAt),
    ...endFacts(event, null, offeredAt),
  };
}

/** An answer's facts: when, and the caller's wait (as the PBX says it, else from the offer). */
function answerFacts(event: CallEvent, offeredAt: number): Partial<PhoneCallRow> {
  if (event.kind !== 'answered') return {};
  return { answered_at: event.at, wait_sec: event.waitSec ?? Math.max(0, (event.at - offeredAt) / 1000) };
}

/** An end's facts: cause, talk time (as the PBX says it, else from the answer), who hung up; the wait of a call never answered. */
function endFacts(event: CallEvent, answeredAt: number | null, offeredAt: number): Partial<PhoneCallRow> {
  if (event.kind !== 'ended') return {};
  // Answered, though not on this desk (a colleague took the queue call): the answer is worked back from the talk time the PBX says.
  const elsewhere = answeredAt === null && !event.unanswered ? event.at - Math.round((event.talkSec ?? 0) * 1000) : null;
  if (elsewhere !== null) {
    return {
      ended_at: event.at,
      cause: event.cause,
      hung_up_by: event.hungUpBy,
      answered_at: elsewhere,
      talk_sec: event.talkSec,
      wait_sec: event.waitSec ?? (event.talkSec !== null ? Math.max(0, (elsewhere - offeredAt) / 1000) : null),
    };
  }
  const answered = answeredAt !== null && !event.unanswered;
  return {
    ended_at: event.at,
    cause: event.cause,
    hung_up_by: event.hungUpBy,
    talk_sec: event.talkSec ?? (answered ? Math.max(0, (event.at - answeredAt) / 1000) : null),
    ...(answered ? {} : { wait_sec: event.waitSec ?? Math.max(0, (event.at - offeredAt) / 1000) }),
  };
}

/**
 * Folds one more event into a call's facts. The earliest offer wins (events
 * can come out of order); an answer or an end is taken once, so a duplicate
 * changes nothing; what an earlier event left unknown is filled in.
 */
async function mergeFacts(trx: Kysely<Database>, known: PhoneCallRow, event: CallEvent, zone: string, now: number): Promise<PhoneCallRow> {
  const changes: Partial<PhoneCallRow> = {};
  const offeredAt = Math.min(known.offered_at, offeredAtOf(event));
  if (offeredAt !== known.offered_at) {
    // The day and hour the call counts on follow its offer, and so does a wait worked out from it (not one the PBX said).
    Object.assign(changes, { offered_at: offeredAt, local_date: localDate(offeredAt, zone), local_hour: localHour(offeredAt, zone) });
    if (known.answered_at !== null && known.wait_sec === (known.answered_at - known.offered_at) / 1000) changes.wait_sec = (known.answered_at - offeredAt) / 1000;
  }
  if (event.kind === 'offered') {
    if (known.number_last4 === null && event.numberLast4 !== null) changes.number_last4 = event.numberLast4;
    if (known.direction !== event.direction && known.answered_at === null && known.call_record_id === null) changes.direction = event.direction;
  }
  if ('queue' in event && known.queue === null && event.queue !== null) changes.queue = event.queue;
  if ('agent' in event && known.agent === null && event.agent !== null) changes.agent = event.agent;
  if (event.kind === 'answered' && known.answered_at === null) Object.assign(changes, answerFacts(event, offeredAt));
  if (event.kind === 'ended' && known.ended_at === null) Object.assign(changes, endFacts(event, changes.answered_at ?? known.answered_at, offeredAt));
  if (Object.keys(changes).length === 0) return known;
  await updatePhoneCall(trx, known.id, { ...changes, updated_at: now });
  return { ...known, ...changes, updated_at: now };
}

/**
 * Stamps what the event says on the record the call opened: the call time (an
 * earlier offer that arrived late), the first answer, a transfer and its
 * answer. The event's time replaces a click's, unless that would put the
 * record's moments out of order; then the click stands.
 */
async function stampMoments(trx: Kysely<Database>, phone: Parameters<typeof changeRecordIn>[1], call: PhoneCallRow, event: CallEvent): Promise<void> {
  const id = call.call_record_id!;
  const row = await findCall(trx, id);
  if (!row || row.voided_at !== null || row.closed_at !== null) return;
  const transfers = await listTransfers(trx, id);
  const steps = await listSteps(trx, id);
  // The answer comes before any handover and any step already logged: an event cannot move it past them.
  const firstHandover = Math.min(transfers[0]?.transferred_at ?? Number.POSITIVE_INFINITY, ...steps.map((st) => st.at));

  const change = async (apply: () => Promise<void>) => {
    await changeRecordIn(trx, phone, { id }, apply);
  };
  if (row.phone_last4 === null && call.number_last4 !== null) await change(() => updateCall(trx, id, { phone_last4: call.number_last4 }));
  if (call.offered_at < row.call_at && (row.answered_at === null || call.offered_at <= row.answered_at)) {
    await change(() => updateCall(trx, id, { call_at: call.offered_at }));
  }
  if (event.kind === 'answered' && call.answered_at !== null && row.answered_at !== call.answered_at) {
    const at = call.answered_at;
    if (at >= Math.min(row.call_at, call.offered_at) && at <= firstHandover) await change(() => updateCall(trx, id, { answered_at: at }));
  }
  if (event.kind === 'transferred') {
    const answeredAt = (await findCall(trx, id))!.answered_at;
    const pending = transfers.find((t) => t.answered_at === null);
    const last = transfers.at(-1);
    if (pending && pending.transferred_at !== event.at && event.at >= (answeredAt ?? row.call_at)) {
      await change(() => moveTransferHandover(trx, pending.id, event.at));
    } else if (!pending && answeredAt !== null && event.at >= Math.max(answeredAt, last?.answered_at ?? 0) && !transfers.some((t) => t.transferred_at === event.at)) {
      await change(() => insertTransfer(trx, id, event.target ?? '—', event.at));
    }
  }
  if (event.kind === 'transferAnswered') {
    const target = transfers.find((t) => t.answered_at === null) ?? transfers.at(-1);
    if (target && target.answered_at !== event.at && event.at >= target.transferred_at) {
      await change(() => markTransferAnswered(trx, target.id, event.at));
    }
  }
}
