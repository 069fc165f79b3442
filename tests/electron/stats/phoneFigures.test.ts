import { describe, expect, it } from 'vitest';
import { phoneKpisOf } from '../../../electron/stats/phone';
import type { MissedCallbackRow, PhoneKpiRow } from '../../../electron/store/statsQueries';
import { defaultPolicy } from '../../../shared/policy/defaults';

/**
 * The call-centre KPIs from grouped phone rows (electron/stats/phone.ts): each
 * case a handful of calls' sums and the figures a call centre would work out
 * from them by hand. Short abandons leave both denominators; a zero
 * denominator is null ("—"), never 0 or 1.
 */

const policy = defaultPolicy('Asia/Shanghai');
const row = (over: Partial<PhoneKpiRow>): PhoneKpiRow => ({
  desk_code: 'A03', hour: 9, agent: '李娜', offered: 0, answered: 0, answered_within: 0, abandoned: 0, short_abandons: 0,
  answered_wait_sum: 0, longest_wait: null, talk_n: 0, talk_sum: 0, wrap_n: 0, wrap_sum: 0, ...over,
});
const callback = (over: Partial<MissedCallbackRow>): MissedCallbackRow => ({ desk_code: 'A03', hour: 9, agent: '', with_due: 0, met: 0, in_time_open: 0, ...over });

describe('call-centre KPIs from grouped phone rows', () => {
  const cases: Array<{ name: string; calls: PhoneKpiRow[]; callbacks?: MissedCallbackRow[]; expected: Record<string, number | null> }> = [
    {
      name: 'no call telephony saw: every share and mean is null',
      calls: [],
      expected: { offered: 0, serviceLevel: null, abandonRate: null, asaSec: null, ahtSec: null, wrapUpSec: null, longestWaitSec: null, callbackRate: null },
    },
    {
      // 10 offered, 8 answered (6 within 20 s, waits 80 s in all), 2 abandoned of which 1 short: 6 / 9 and 1 / 9.
      name: 'answered and abandoned calls, one abandon short',
      calls: [row({ offered: 10, answered: 8, answered_within: 6, abandoned: 2, short_abandons: 1, answered_wait_sum: 80, longest_wait: 61, talk_n: 8, talk_sum: 1200, wrap_n: 4, wrap_sum: 130 })],
      expected: { serviceLevel: 6 / 9, abandonRate: 1 / 9, asaSec: 10, ahtSec: 150, wrapUpSec: 32.5, longestWaitSec: 61 },
    },
    {
      name: 'only short abandons: offered but nothing left to divide by',
      calls: [row({ offered: 2, abandoned: 2, short_abandons: 2, longest_wait: 3 })],
      expected: { offered: 2, serviceLevel: null, abandonRate: null, asaSec: null, ahtSec: null, longestWaitSec: 3 },
    },
    {
      name: 'every call abandoned, none short: service level 0, abandon rate 1, no answer to average',
      calls: [row({ offered: 3, abandoned: 3, longest_wait: 40 })],
      expected: { serviceLevel: 0, abandonRate: 1, asaSec: null, ahtSec: null },
    },
    {
      name: 'answered but still talking: ASA known, AHT not yet',
      calls: [row({ offered: 1, answered: 1, answered_within: 1, answered_wait_sum: 7, longest_wait: 7 })],
      expected: { serviceLevel: 1, asaSec: 7, ahtSec: null, talked: 0, wrapUpSec: null },
    },
    {
      name: 'callbacks: met of missed calls with a due time; none due is null',
      calls: [],
      callbacks: [callback({ with_due: 3, met: 2 }), callback({ hour: 10, with_due: 1, met: 0 })],
      expected: { callbacksDue: 4, callbacksMet: 2, callbackRate: 0.5 },
    },
    {
      // 3 due: 1 met, 1 late, 1 not called back yet with its due time ahead — undecided, so 1 of 2.
      name: 'callbacks: one still in time counts on neither side',
      calls: [],
      callbacks: [callback({ with_due: 3, met: 1, in_time_open: 1 })],
      expected: { callbacksDue: 3, callbacksMet: 1, callbacksOpenInTime: 1, callbackRate: 0.5 },
    },
    {
      name: 'callbacks: all still in time is null, not 0 %',
      calls: [],
      callbacks: [callback({ with_due: 2, in_time_open: 2 })],
      expected: { callbackRate: null },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(phoneKpisOf(c.calls, c.callbacks ?? [], policy)).toMatchObject(c.expected);
    });
  }

  it('breaks down by hour, agent and desk, and adds the groups up for the whole', () => {
    const kpis = phoneKpisOf(
      [
        row({ hour: 9, agent: '李娜', offered: 4, answered: 4, answered_within: 4, answered_wait_sum: 20, longest_wait: 9, talk_n: 4, talk_sum: 400 }),
        row({ hour: 10, agent: '李娜', offered: 2, answered: 1, answered_within: 0, abandoned: 1, answered_wait_sum: 30, longest_wait: 50, talk_n: 1, talk_sum: 100 }),
        row({ hour: 10, agent: '', offered: 3, abandoned: 3, short_abandons: 1, longest_wait: 70 }),
        row({ desk_code: 'B01', hour: 9, agent: '王强', offered: 1, answered: 1, answered_wait_sum: 25, longest_wait: 25, talk_n: 1, talk_sum: 60 }),
      ],
      [],
      policy,
    );
    // 10 offered, 1 short: 4 within of 9; abandoned 4 − 1 short of 9; waits 75 s and talk 560 s over 6 answered.
    expect(kpis).toMatchObject({ offered: 10, serviceLevel: 4 / 9, abandonRate: 3 / 9, asaSec: 12.5, ahtSec: 93.3, longestWaitSec: 70 });
    expect(kpis.byHour.map((h) => [h.hour, h.offered, h.serviceLevel])).toEqual([
      [9, 5, 4 / 5],
      [10, 5, 0],
    ]);
    expect(kpis.byAgent.map((a) => [a.agent, a.offered, a.abandonRate])).toEqual([
      ['李娜', 6, 1 / 6],
      ['', 3, 1],
      ['王强', 1, 0],
    ]);
    expect(kpis.byDesk.map((d) => [d.desk, d.offered, d.asaSec])).toEqual([
      ['A03', 9, 10],
      ['B01', 1, 25],
    ]);
    expect(kpis.targets).toEqual({ serviceLevelPct: 80, answeredWithinSec: 20, shortAbandonSec: 5 });
  });
});
