import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCallEvent, type PhoneEventContext } from '../../../electron/records/phoneEvents';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

/**
 * The desk's screens of telephony through the real dispatcher on a real SQLite
 * file: the repeat-caller pop-up (last four digits only, earlier calls only),
 * the open missed calls, a period's in Review with its filter, and "Mark
 * missed calls as handled" one or many at once.
 */

const source = { system: 'ami' as const, pbx: 'pbx1:5038' };
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source, callId, at, clock: 'pbx' as const });
const offered = (callId: string, at: number, last4 = '8000'): CallEvent => ({ ...base(callId, at), kind: 'offered', direction: 'in', numberLast4: last4, queue: 'support', agent: null });
const ringing = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'ringing', agent: 'PJSIP/1001', queue: 'support' });
const abandoned = (callId: string, at: number): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause: 'abandoned', unanswered: true, queue: 'support', agent: null, waitSec: null, talkSec: null, hungUpBy: 'caller',
});

let desk: TestDesk;
let phone: PhoneEventContext;
beforeEach(async () => {
  desk = await openTestDesk();
  desk.clock.ms = s(0);
  phone = { db: desk.store.db, now: desk.clock.now, atDesk: () => desk.ctx.session.userId };
});
afterEach(() => desk.close());

/** A record the agent logged by hand, the caller's number typed in full. */
async function loggedByHand(phoneNumber: string, reason: string) {
  const rec = await desk.ok('startCall', {});
  await desk.ok('updateCall', { id: rec.id, patch: { phone: phoneNumber, reason } });
  return rec;
}

describe('the repeat-caller pop-up', () => {
  it("lists the caller's earlier records and missed calls with the same last four digits, newest first, and nothing later or of another number", async () => {
    const first = await loggedByHand('13800138000', 'invoice question');
    desk.clock.advance(10);
    await loggedByHand('13900009999', 'another caller');
    desk.clock.advance(10);
    await applyCallEvent(phone, offered('M1', desk.clock.ms));
    desk.clock.advance(1);
    await applyCallEvent(phone, abandoned('M1', desk.clock.ms));
    desk.clock.advance(30);
    await applyCallEvent(phone, offered('R1', desk.clock.ms));
    const rang = await applyCallEvent(phone, ringing('R1', desk.clock.ms + 5000));
    expect(rang.opened).toBe(true);

    const history = await desk.ok('callerHistory', { recordId: rang.recordId! });
    expect(history?.numberLast4).toBe('8000');
    expect(history?.records.map((r) => [r.id, r.recordNo, r.reason])).toEqual([[first.id, first.recordNo, 'invoice question']]);
    expect(history?.missed).toHaveLength(1);
    expect(history?.missed[0]?.missedNo).toMatch(/^MC20240520\d{3}$/);
    // The first record's own history: nothing before it.
    expect(await desk.ok('callerHistory', { recordId: first.id })).toEqual({ numberLast4: '8000', records: [], missed: [] });
  });

  it('gives none for a record without a number, and refuses more than four digits', async () => {
    const rec = await desk.ok('startCall', {});
    expect(await desk.ok('callerHistory', { recordId: rec.id })).toBeNull();
    const refused = await desk.call('callerHistory', { last4: '138000' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});

describe('missed calls on the desk', () => {
  it('lists the open ones oldest first with their callback targets, and a period in Review by state', async () => {
    for (const [id, last4, at] of [['A', '1111', s(0)], ['B', '2222', s(120)], ['C', '3333', s(240)]] as const) {
      await applyCallEvent(phone, offered(id, at, last4));
      await applyCallEvent(phone, abandoned(id, at + 40_000));
    }
    const open = await desk.ok('listMissedCalls', { open: true });
    expect(open.map((m) => m.numberLast4)).toEqual(['1111', '2222', '3333']);
    expect(open[0]).toMatchObject({ missedNo: 'MC20240520001', waitSec: 40, queue: 'support', cause: 'abandoned', callbackDueAt: s(40) + 3_600_000, calledBackAt: null, warningAt: 0.8 });

    desk.clock.advance(5);
    expect(await desk.ok('markMissedCallsCalledBack', { ids: [open[0]!.id, open[2]!.id] })).toEqual({ changed: 2 });
    // Marked again: the first callback stays.
    desk.clock.advance(5);
    expect(await desk.ok('markMissedCallsCalledBack', { ids: [open[0]!.id] })).toEqual({ changed: 0 });
    expect((await desk.ok('listMissedCalls', { open: true })).map((m) => m.numberLast4)).toEqual(['2222']);

    const range = { from: '2024-05-20', to: '2024-05-20' };
    const all = await desk.ok('listMissedCalls', range);
    expect(all.map((m) => m.numberLast4)).toEqual(['3333', '2222', '1111']);
    const calledBack = await desk.ok('listMissedCalls', { ...range, state: 'calledBack' });
    expect(calledBack.map((m) => [m.numberLast4, m.calledBackBy, m.calledBackHow, m.calledBackAt])).toEqual([
      ['3333', '李娜', 'marked', s(0) + 5 * 60_000],
      ['1111', '李娜', 'marked', s(0) + 5 * 60_000],
    ]);
    expect((await desk.ok('listMissedCalls', { ...range, state: 'open' })).map((m) => m.numberLast4)).toEqual(['2222']);
    expect(await desk.ok('listMissedCalls', { from: '2024-05-21', to: '2024-05-31' })).toEqual([]);
  });

  it('stay out of the records of the day', async () => {
    await applyCallEvent(phone, offered('A', s(0)));
    await applyCallEvent(phone, abandoned('A', s(40)));
    expect((await desk.ok('listDay', {})).records).toEqual([]);
  });

  it('may be read and marked only by a signed-in profile', async () => {
    await applyCallEvent(phone, offered('A', s(0)));
    await applyCallEvent(phone, abandoned('A', s(40)));
    const [missed] = await desk.ok('listMissedCalls', { open: true });
    await desk.ok('signOut', {});
    expect(await desk.call('listMissedCalls', { open: true })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await desk.call('markMissedCallsCalledBack', { ids: [missed!.id] })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
