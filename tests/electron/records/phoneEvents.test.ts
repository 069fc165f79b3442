import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCallEvent, type PhoneEventContext } from '../../../electron/records/phoneEvents';
import { markMissedCallsCalledBack } from '../../../electron/records/missedCalls';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

/**
 * The desk's side of telephony: events in, records and missed calls out,
 * through the records core (audit included) on a real SQLite file. The event
 * sequences are what the AMI normaliser and the CTI endpoint produce for a
 * queue call, a direct call, an abandon, a transfer and a callback.
 */

const source = { system: 'ami' as const, pbx: 'pbx1:5038' };
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source, callId, at, clock: 'pbx' as const });

const offered = (callId: string, at: number, extra: Partial<Extract<CallEvent, { kind: 'offered' }>> = {}): CallEvent => ({
  ...base(callId, at), kind: 'offered', direction: 'in', numberLast4: '8000', queue: 'support', agent: null, ...extra,
});
const ringing = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'ringing', agent: 'PJSIP/1001', queue: 'support' });
const answered = (callId: string, at: number, waitSec: number | null = null): CallEvent => ({ ...base(callId, at), kind: 'answered', agent: 'PJSIP/1001', waitSec });
const ended = (callId: string, at: number, unanswered: boolean, cause: Extract<CallEvent, { kind: 'ended' }>['cause'] = 'normalClearing'): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause, unanswered, queue: 'support', agent: unanswered ? null : 'PJSIP/1001', waitSec: null, talkSec: null, hungUpBy: 'caller',
});

let desk: TestDesk;
let phone: PhoneEventContext;
beforeEach(async () => {
  desk = await openTestDesk();
  desk.clock.ms = s(600);
  phone = { db: desk.store.db, now: desk.clock.now, atDesk: () => desk.ctx.session.userId };
});
afterEach(() => desk.close());

const record = (id: number) => desk.ok('getCall', { id });
const audit = (id: number) => desk.ok('getAudit', { id });

describe('a queue call the phone system reports', () => {
  it('opens a record when it rings this desk, with the queue entry as its call time and the last four digits', async () => {
    expect((await applyCallEvent(phone, offered('L1', s(0)))).recordId).toBeNull();
    const rang = await applyCallEvent(phone, ringing('L1', s(12)));
    expect(rang.opened).toBe(true);
    const opened = await record(rang.recordId!);
    expect(opened.callAt).toBe(s(0));
    expect(opened.phoneLast4).toBe('8000');
    expect(opened.agent).toBe('李娜');
    expect(opened.answeredAt).toBeNull();
  });

  it('stamps the answer with the event time, and the audit trail names the phone system', async () => {
    await applyCallEvent(phone, offered('L1', s(0)));
    const { recordId } = await applyCallEvent(phone, ringing('L1', s(12)));
    await applyCallEvent(phone, answered('L1', s(18), 18));
    expect((await record(recordId!)).answeredAt).toBe(s(18));
    const rows = await audit(recordId!);
    expect(rows.some((r) => r.field === 'answeredAt' && r.actor === 'phone:ami')).toBe(true);
  });

  it('replaces a click with the event time, and notes both sources', async () => {
    await applyCallEvent(phone, offered('L1', s(0)));
    const { recordId } = await applyCallEvent(phone, ringing('L1', s(12)));
    desk.clock.ms = s(25);
    await desk.ok('answerCall', { id: recordId! });
    expect((await record(recordId!)).answeredAt).toBe(s(25));
    await applyCallEvent(phone, answered('L1', s(18), 18));
    expect((await record(recordId!)).answeredAt).toBe(s(18));
    const answers = (await audit(recordId!)).filter((r) => r.field === 'answeredAt');
    expect(answers.map((r) => r.actor)).toEqual(['李娜', 'phone:ami']);
  });

  it('changes nothing when the whole transcript is replayed', async () => {
    const events = [offered('L1', s(0)), ringing('L1', s(12)), answered('L1', s(18), 18), ended('L1', s(200), false)];
    for (const e of events) await applyCallEvent(phone, e);
    const { recordId } = await applyCallEvent(phone, events[0]!);
    const before = { rec: await record(recordId!), audit: (await audit(recordId!)).length };
    for (const e of events) await applyCallEvent(phone, e);
    expect(await record(recordId!)).toEqual(before.rec);
    expect((await audit(recordId!)).length).toBe(before.audit);
    const calls = await desk.store.db.selectFrom('calls').select('id').execute();
    expect(calls).toHaveLength(1);
  });

  it('gives a consistent record when the answer arrives before the offer', async () => {
    const first = await applyCallEvent(phone, answered('L2', s(30), 20));
    expect(first.opened).toBe(true);
    const rec = await record(first.recordId!);
    expect(rec.callAt).toBe(s(10));
    expect(rec.answeredAt).toBe(s(30));
    await applyCallEvent(phone, offered('L2', s(9)));
    expect((await record(first.recordId!)).callAt).toBe(s(9));
    expect((await record(first.recordId!)).phoneLast4).toBe('8000');
  });
});

describe('a call that ends unanswered', () => {
  it('abandoned in the queue before it rang anyone: a missed call, with its callback due in one working hour', async () => {
    await applyCallEvent(phone, offered('L3', s(0)));
    const out = await applyCallEvent(phone, ended('L3', s(40), true, 'abandoned'));
    expect(out.recordId).toBeNull();
    const missed = await desk.store.db.selectFrom('missed_calls').selectAll().executeTakeFirstOrThrow();
    expect(missed.missed_no).toBe('MC20240520001');
    expect(missed.wait_sec).toBe(40);
    expect(missed.phone_last4).toBe('8000');
    expect(missed.cause).toBe('abandoned');
    // 14:15:40 Shanghai on a Monday inside 09:00–18:00: one working hour later.
    expect(missed.callback_due_at).toBe(s(40) + 3_600_000);
    expect(await desk.store.db.selectFrom('calls').select('id').execute()).toHaveLength(0);
  });

  it('rang this desk but nobody answered: the record it opened is voided, naming the missed call', async () => {
    await applyCallEvent(phone, offered('L4', s(0)));
    const { recordId } = await applyCallEvent(phone, ringing('L4', s(5)));
    await applyCallEvent(phone, ended('L4', s(30), true, 'noAnswer'));
    const rec = await record(recordId!);
    expect(rec.voided?.by).toBe('phone:ami');
    expect(rec.voided?.reason).toBe('not answered: logged as missed call MC20240520001');
    const missed = await desk.store.db.selectFrom('missed_calls').selectAll().execute();
    expect(missed).toHaveLength(1);
    // The missed call counts in no record figure: the day's list shows the record voided.
    await applyCallEvent(phone, ended('L4', s(30), true, 'noAnswer'));
    expect(await desk.store.db.selectFrom('missed_calls').selectAll().execute()).toHaveLength(1);
  });

  it('the agent answered by a click: the record stays, and no missed call is logged', async () => {
    const { recordId } = await applyCallEvent(phone, ringing('L5', s(5)));
    await desk.ok('answerCall', { id: recordId! });
    await applyCallEvent(phone, ended('L5', s(300), true, 'normalClearing'));
    expect((await record(recordId!)).voided).toBeNull();
    expect(await desk.store.db.selectFrom('missed_calls').selectAll().execute()).toHaveLength(0);
  });

  it('an outbound call to the same last four digits calls the missed call back; marking does too', async () => {
    await applyCallEvent(phone, offered('L6', s(0)));
    await applyCallEvent(phone, ended('L6', s(20), true, 'abandoned'));
    await applyCallEvent(phone, offered('L7', s(30), { numberLast4: '1234' }));
    await applyCallEvent(phone, ended('L7', s(35), true, 'cancel'));
    const out = await applyCallEvent(phone, offered('O1', s(900), { direction: 'out', queue: null, agent: 'PJSIP/1001' }));
    expect(out.calledBack).toBe(1);
    const rows = await desk.store.db.selectFrom('missed_calls').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.phone_last4, r.called_back_how, r.called_back_at])).toEqual([
      ['8000', 'outboundCall', s(900)],
      ['1234', null, null],
    ]);
    // An outbound call opens no record.
    expect(await desk.store.db.selectFrom('calls').select('id').execute()).toHaveLength(0);
    desk.clock.ms = s(1000);
    expect(await markMissedCallsCalledBack(desk.ctx, rows.map((r) => r.id))).toBe(1);
    const after = await desk.store.db.selectFrom('missed_calls').selectAll().orderBy('id').execute();
    expect(after.map((r) => [r.called_back_how, r.called_back_by])).toEqual([
      ['outboundCall', '李娜'],
      ['marked', '李娜'],
    ]);
  });
});

describe('transfers the phone system reports', () => {
  it('stamps the handover and its answer', async () => {
    await applyCallEvent(phone, offered('L8', s(0)));
    const { recordId } = await applyCallEvent(phone, answered('L8', s(10), 10));
    await applyCallEvent(phone, { ...base('L8', s(60)), kind: 'transferred', mode: 'blind', target: '2001' });
    await applyCallEvent(phone, { ...base('L8', s(75)), kind: 'transferAnswered', target: '2001' });
    const rec = await record(recordId!);
    expect(rec.transfers.map((t) => [t.to, t.transferredAt, t.answeredAt])).toEqual([['2001', s(60), s(75)]]);
  });
});

describe('what the review found', () => {
  it('a queue call that rang here but a colleague answered: no missed call, the untouched record is voided, and the call counts as answered', async () => {
    await applyCallEvent(phone, offered('Q1', s(0)));
    const { recordId } = await applyCallEvent(phone, ringing('Q1', s(3)));
    // The watching desk hears only the end, naming the colleague, with the PBX's wait and talk times.
    await applyCallEvent(phone, { ...base('Q1', s(100)), kind: 'ended', cause: 'normalClearing', unanswered: false, queue: 'support', agent: 'PJSIP/1002', waitSec: 8, talkSec: 92, hungUpBy: 'caller' });
    expect(await desk.store.db.selectFrom('missed_calls').selectAll().execute()).toHaveLength(0);
    expect((await record(recordId!)).voided?.reason).toBe('answered at another extension (PJSIP/1002)');
    const facts = await desk.store.db.selectFrom('phone_calls').selectAll().executeTakeFirstOrThrow();
    expect([facts.answered_at, facts.wait_sec, facts.talk_sec]).toEqual([s(8), 8, 92]);
  });

  it('an offer that arrives late moves the day and hour the call counts on, and a worked-out wait with it', async () => {
    // 23:59:58 Shanghai is 15:59:58 UTC: the answer (no wait from the PBX) comes first, at 00:00:05 the next day.
    const midnight = Date.UTC(2024, 4, 20, 16, 0, 0);
    await applyCallEvent(phone, { ...base('N1', midnight + 5_000), kind: 'answered', agent: 'PJSIP/1001', waitSec: null });
    let facts = await desk.store.db.selectFrom('phone_calls').selectAll().executeTakeFirstOrThrow();
    expect([facts.local_date, facts.local_hour, facts.wait_sec]).toEqual(['2024-05-21', 0, 0]);
    await applyCallEvent(phone, offered('N1', midnight - 2_000));
    facts = await desk.store.db.selectFrom('phone_calls').selectAll().executeTakeFirstOrThrow();
    expect([facts.local_date, facts.local_hour, facts.wait_sec]).toEqual(['2024-05-20', 23, 7]);
  });

  it('an answer event never moves the answer past a step already logged', async () => {
    await applyCallEvent(phone, offered('S1', s(0)));
    const { recordId } = await applyCallEvent(phone, ringing('S1', s(2)));
    desk.clock.ms = s(5);
    await desk.ok('answerCall', { id: recordId! });
    desk.clock.ms = s(20);
    await desk.ok('addStep', { id: recordId!, text: '核对订单' });
    // The PBX says the answer came at 30 s, after the step: the click stands.
    await applyCallEvent(phone, answered('S1', s(30)));
    expect((await record(recordId!)).answeredAt).toBe(s(5));
  });
});

