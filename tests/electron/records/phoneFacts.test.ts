import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCallEvent, type PhoneEventContext } from '../../../electron/records/phoneEvents';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

/**
 * The record as the desk reads it (getCall) carries the phone system's facts
 * of its call: the hang-up, its cause, the wait and the talk time, which the
 * record has no moment of its own for (issue 15: the record still read "on
 * call" after the caller hung up). Read with the record; never audited.
 */

const cti = { system: 'cti' as const, pbx: 'cti' };
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source: cti, callId, at, clock: 'arrival' as const });
const offered = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'offered', direction: 'in', numberLast4: '8000', queue: null, agent: 'Li Na' });
const answered = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'answered', agent: 'Li Na', waitSec: null });
const ended = (callId: string, at: number, unanswered: boolean, cause: Extract<CallEvent, { kind: 'ended' }>['cause']): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause, unanswered, queue: null, agent: 'Li Na', waitSec: null, talkSec: null, hungUpBy: null,
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

describe("a record's phone facts", () => {
  it('a record logged by hand has none', async () => {
    const started = await desk.ok('startCall', {});
    expect((await record(started.id)).phone).toBeNull();
  });

  it('while the call is up: who reports it, no hang-up yet; after the answer, the wait', async () => {
    const { recordId } = await applyCallEvent(phone, offered('Z1', s(0)));
    expect((await record(recordId!)).phone).toEqual({ source: 'cti', answeredAt: null, endedAt: null, cause: null, waitSec: null, talkSec: null });
    await applyCallEvent(phone, answered('Z1', s(12)));
    const up = (await record(recordId!)).phone!;
    expect(up.answeredAt).toBe(s(12));
    expect(up.waitSec).toBe(12);
    expect(up.endedAt).toBeNull();
  });

  it('after the hang-up: its time and cause, and the talk time from answer to hang-up; the audit trail gains no row for it', async () => {
    const { recordId } = await applyCallEvent(phone, offered('Z2', s(0)));
    await applyCallEvent(phone, answered('Z2', s(10)));
    const auditBefore = (await desk.ok('getAudit', { id: recordId! })).length;
    await applyCallEvent(phone, ended('Z2', s(105), false, 'normalClearing'));
    const rec = await record(recordId!);
    expect(rec.phone).toEqual({ source: 'cti', answeredAt: s(10), endedAt: s(105), cause: 'normalClearing', waitSec: 10, talkSec: 95 });
    // The record itself stays open for its wrap-up: the hang-up is a phone fact, not a record moment.
    expect(rec.closedAt).toBeNull();
    expect((await desk.ok('getAudit', { id: recordId! })).length).toBe(auditBefore);
  });

  it('a call the caller gave up on: the voided record shows the hang-up and no talk time', async () => {
    const { recordId } = await applyCallEvent(phone, offered('Z3', s(0)));
    await applyCallEvent(phone, ended('Z3', s(20), true, 'cancel'));
    const rec = await record(recordId!);
    expect(rec.voided?.by).toBe('phone:cti');
    expect(rec.phone).toMatchObject({ endedAt: s(20), cause: 'cancel', waitSec: 20, talkSec: null });
  });
});
