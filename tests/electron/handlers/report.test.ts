import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPrinter } from '../../../electron/handlers/context';
import { dispatch } from '../../../electron/handlers/dispatch';
import { fillDemo } from '../../../electron/demo/generate';
import type { UserView } from '../../../shared/api/records';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/** getReport and printReport through the real dispatcher: who may, what the report holds, what printing asks of the window. */
const PERIOD = { from: '2024-06-16', to: '2024-06-30' };
const COMPARE = { compareFrom: '2024-06-01', compareTo: '2024-06-15' };
let desk: TestDesk;
let people: UserView[];
const as = async (role: UserView['role']) => desk.ok('signIn', { userId: people.find((u) => u.role === role)!.id });

beforeAll(async () => {
  desk = await openTestDesk();
  await fillDemo(desk.store, { records: 300, days: 30, seed: 'report-handler', until: '2024-06-30', today: Date.UTC(2024, 6, 15) });
  desk.clock.ms = Date.UTC(2024, 6, 1, 1);
  people = await desk.ok('listUsers', {});
  await as('team_lead');
  // One measure in force during the period, one over before it starts, one starting after it ends.
  for (const [problem, startDate, deadline] of [
    ['高峰期响应超时', '2024-06-20', '2024-07-20'],
    ['五月的旧措施', '2024-05-01', '2024-06-10'],
    ['七月的新措施', '2024-07-01', '2024-07-31'],
  ] as const) {
    await desk.ok('saveMeasure', { problem, rootCause: '人手不足', measure: '增设弹性客服', owner: '郑建国', startDate, deadline, metric: 'responseCompliance' });
  }
}, 60_000);
afterAll(() => desk.close());

describe('getReport', () => {
  it('is for team leads and admins, as the report to management', async () => {
    await as('agent');
    expect(await desk.call('getReport', PERIOD)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('printReport', PERIOD)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await desk.ok('signOut', {});
    expect(await desk.call('getReport', PERIOD)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    await as('admin');
    expect(await desk.call('getReport', PERIOD)).toMatchObject({ ok: true });
    await as('team_lead');
    expect(await desk.call('getReport', PERIOD)).toMatchObject({ ok: true });
  });

  it('holds the period’s figures and the compared period’s, computed as Statistics computes them, at one instant', async () => {
    const report = await desk.ok('getReport', { ...PERIOD, ...COMPARE });
    expect(report.stats).toEqual(await desk.ok('getStats', PERIOD));
    expect(report.compare?.period).toEqual({ from: COMPARE.compareFrom, to: COMPARE.compareTo });
    expect(report.compare?.stats).toEqual(await desk.ok('getStats', { from: COMPARE.compareFrom, to: COMPARE.compareTo }));
    const comparedBreaches = await desk.ok('reviewRecords', { from: COMPARE.compareFrom, to: COMPARE.compareTo, state: 'breached', limit: 1 });
    expect(report.compare?.breachTotal).toBe(comparedBreaches.total);
    expect(report.generatedAt).toBe(desk.clock.ms);
    expect(report.generatedBy).toBe('郑建国');
    expect(report.timeZone).toBe('Asia/Shanghai');
    // Without a compared period there is none.
    expect((await desk.ok('getReport', PERIOD)).compare).toBeNull();
  });

  it('names the desks whose records it covers, and lists only the measures in force in the period', async () => {
    const report = await desk.ok('getReport', PERIOD);
    expect(report.scope).toEqual(['A03']);
    expect(report.measures.map((m) => m.problem)).toEqual(['高峰期响应超时']);
    // A June report judges the measure (from 06-20) by June: its "after" window ends on the period's last day,
    // though the Statistics screen, on 07-01, counts 07-01 too; "before" is as many days just before the start.
    const listed = (await desk.ok('listMeasures', {})).find((m) => m.problem === '高峰期响应超时');
    expect(listed!.effect.afterRange).toEqual(['2024-06-20', '2024-07-01']);
    const { effect } = report.measures[0]!;
    expect(report.measuresUntil).toBe(PERIOD.to);
    expect(effect.afterRange).toEqual(['2024-06-20', '2024-06-30']);
    expect(effect.beforeRange).toEqual(['2024-06-09', '2024-06-19']);
    expect(effect.after).toBe((await desk.ok('getStats', { from: '2024-06-20', to: '2024-06-30' })).kpis.responseCompliance);
    expect(effect.before).toBe((await desk.ok('getStats', { from: '2024-06-09', to: '2024-06-19' })).kpis.responseCompliance);
    // A period that runs on past today counts up to today, as the screen does.
    const running = await desk.ok('getReport', { from: '2024-06-16', to: '2024-07-15' });
    expect(running.measuresUntil).toBe('2024-07-01');
    expect(running.measures.find((m) => m.problem === '高峰期响应超时')!.effect).toEqual(listed!.effect);
    // A period without records still names this desk.
    expect((await desk.ok('getReport', { from: '2023-01-01', to: '2023-01-31' })).scope).toEqual(['A03']);
  });

  it('refuses a range that ends before it starts, and half a compared period', async () => {
    expect(await desk.call('getReport', { from: '2024-06-30', to: '2024-06-01' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'to' } });
    expect(await desk.call('getReport', { ...PERIOD, compareFrom: '2024-06-01' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'compareTo' } });
    expect(await desk.call('getReport', { ...PERIOD, compareFrom: '2024-06-15', compareTo: '2024-06-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'compareTo' },
    });
  });
});

describe('printReport', () => {
  it('refuses where the window cannot print (browser mode, the CLI)', async () => {
    expect(await desk.call('printReport', PERIOD)).toMatchObject({ ok: false, error: { code: 'cannot_print' } });
  });

  it('asks the window’s printer with the suggested file name, and answers what it saved or that the person cancelled', async () => {
    const asked: string[] = [];
    let answer: Awaited<ReturnType<ReportPrinter['savePdf']>> = { file: '/home/lead/Documents/june.pdf', bytes: 4096 };
    const printer: ReportPrinter = {
      savePdf: async (name) => {
        asked.push(name);
        return answer;
      },
    };
    const ctx = { ...desk.ctx, printer };
    expect(await dispatch('printReport', PERIOD, ctx)).toEqual({ ok: true, value: { file: '/home/lead/Documents/june.pdf', bytes: 4096 } });
    expect(asked).toEqual(['hotline-report-2024-06-16_2024-06-30.pdf']);
    answer = null;
    expect(await dispatch('printReport', PERIOD, ctx)).toEqual({ ok: true, value: null });
  });
});
