import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { playPhoneDay, PHONE_DAY } from '../../helpers/phoneDay';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

/**
 * The call-centre KPIs on a real desk: a scripted day of phone events fed
 * through applyCallEvent (the desk's own path for AMI and CTI), then the
 * Statistics figures (getStats) set against what the transcript's times give
 * by hand. Default policy: 80 % within 20 s, short abandon under 5 s.
 */

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
  desk.clock.ms = SEED_MORNING;
});
afterEach(() => desk.close());

describe('the call-centre KPIs of a day the phone system reported', () => {
  it('gives service level, ASA, abandon rate, AHT, wrap-up, longest wait and callbacks as the times imply', async () => {
    await playPhoneDay(desk);
    const { kpis, phone: p } = await desk.ok('getStats', { from: PHONE_DAY.date, to: PHONE_DAY.date });
    expect(p).toMatchObject(PHONE_DAY.counts);
    expect(p.serviceLevel).toBeCloseTo(PHONE_DAY.serviceLevel, 10);
    expect(p.abandonRate).toBeCloseTo(PHONE_DAY.abandonRate, 10);
    expect(p.callbackRate).toBeCloseTo(PHONE_DAY.callbackRate, 10);
    expect([p.asaSec, p.ahtSec, p.wrapUpSec, p.longestWaitSec]).toEqual([PHONE_DAY.asaSec, PHONE_DAY.ahtSec, PHONE_DAY.wrapUpSec, PHONE_DAY.longestWaitSec]);
    expect({ sl: kpis.serviceLevel, ar: kpis.abandonRate, asa: kpis.asaSec, aht: kpis.ahtSec }).toEqual({ sl: p.serviceLevel, ar: p.abandonRate, asa: PHONE_DAY.asaSec, aht: PHONE_DAY.ahtSec });
  });

  it('breaks the figures down by hour of day, agent (the record’s, else nobody for a queue’s abandon) and desk', async () => {
    await playPhoneDay(desk);
    const { phone: p } = await desk.ok('getStats', { from: '2024-05-20', to: '2024-05-20' });
    // 14:00: A B C D E H I (3 within of 7 − 1 short); 15:00: J, answered after 40 s.
    expect(p.byHour.map((h) => [h.hour, h.offered, h.serviceLevel, h.asaSec])).toEqual([
      [14, 7, 3 / 6, 16.3],
      [15, 1, 0, 40],
    ]);
    // 李娜's records: A B E H I J; the queue's: C and D, which rang nobody.
    expect(p.byAgent.map((a) => [a.agent, a.offered, a.abandoned, a.callbacksDue, a.callbacksMet, a.callbackRate])).toEqual([
      ['李娜', 6, 1, 1, 0, null],
      ['', 2, 2, 2, 1, 1 / 2],
    ]);
    expect(p.byDesk.map((d) => [d.desk, d.offered])).toEqual([['A03', 8]]);
  });

  it('a short-abandon cut-off from the policy changes what counts', async () => {
    await playPhoneDay(desk);
    const { policy } = await desk.ok('getPolicy', {});
    await desk.ok('savePolicy', { policy: { ...policy, telephony: { missedCallbackWithin: { amount: 1, unit: 'workingHours' }, serviceLevelPct: 90, answeredWithinSec: 10, shortAbandonSec: 0 } } });
    const { phone: p } = await desk.ok('getStats', { from: '2024-05-20', to: '2024-05-20' });
    // Within 10 s: A and I; no abandon is short any more: 2 / 8 and 3 / 8.
    expect(p.targets).toEqual({ serviceLevelPct: 90, answeredWithinSec: 10, shortAbandonSec: 0 });
    expect(p.serviceLevel).toBe(2 / 8);
    expect(p.abandonRate).toBe(3 / 8);
  });

  it('a period the phone system saw nothing of gives null, not 0 or 1', async () => {
    await playPhoneDay(desk);
    const { kpis, phone: p } = await desk.ok('getStats', { from: '2024-05-13', to: '2024-05-19' });
    expect(p).toMatchObject({ offered: 0, serviceLevel: null, abandonRate: null, asaSec: null, ahtSec: null, wrapUpSec: null, longestWaitSec: null, callbackRate: null, byHour: [], byAgent: [] });
    expect([kpis.serviceLevel, kpis.abandonRate, kpis.asaSec, kpis.ahtSec]).toEqual([null, null, null, null]);
  });
});
