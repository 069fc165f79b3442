import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import type { PeriodReport } from '../../../shared/api/report';
import type { Policy } from '../../../shared/policy/schema';
import { evaluateTargets } from '../../../shared/timing/compliance';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The period report's breaches, checked against two other ways the app finds
 * them: the Review screen's "breached" filter (its own SQL) and each record's
 * view, judged by the timing core with the policy version of its call.
 */
const PERIOD = { from: '2024-06-11', to: '2024-06-30' };
let desk: TestDesk;
let report: PeriodReport;
/** The period's breached records as the Review screen lists them, newest first. */
let reviewed: Array<{ id: number; recordNo: string }>;

beforeAll(async () => {
  desk = await openTestDesk();
  // Thirty demo days ending 30 June; the last ten days before the period hold breaches of their own.
  await fillDemo(desk.store, { records: 600, days: 30, seed: 'report', until: '2024-06-30', today: Date.UTC(2024, 6, 15) });
  // 1 July, 09:00 in Shanghai: an hour after the demo's last moment, so some running targets are past due and some not yet.
  desk.clock.ms = Date.UTC(2024, 6, 1, 1);
  const lead = (await desk.ok('listUsers', {})).find((u) => u.role === 'team_lead')!;
  await desk.ok('signIn', { userId: lead.id });
  report = await desk.ok('getReport', PERIOD);
  reviewed = (await desk.ok('reviewRecords', { ...PERIOD, state: 'breached', limit: 1000 })).rows;
}, 60_000);
afterAll(() => desk.close());

describe('the period report’s breaches', () => {
  it('counts the records the Review screen lists as breached, and only the period’s', async () => {
    expect(report.breaches.total).toBe(reviewed.length);
    expect(report.breaches.total).toBeGreaterThan(50);
    // The days before the period have breaches too, and none of them is counted.
    const month = await desk.ok('reviewRecords', { from: '2024-06-01', to: '2024-06-30', state: 'breached', limit: 1 });
    expect(month.total).toBeGreaterThan(report.breaches.total);
    // The headline figure counts the same records: misses per 100 calls.
    expect(report.stats.kpis.breachesPer100).toBe(Math.round((report.breaches.total / report.stats.kpis.calls) * 1000) / 10);
  });

  it('lists the 50 most recent, newest first', () => {
    expect(report.breaches.recent).toHaveLength(50);
    expect(report.breaches.recent.map((b) => b.id)).toEqual(reviewed.slice(0, 50).map((r) => r.id));
    const calls = report.breaches.recent.map((b) => b.callAt);
    expect(calls).toEqual([...calls].sort((x, y) => y - x));
    for (const b of report.breaches.recent) expect(b.recordNo.slice(2, 10) >= PERIOD.from.replaceAll('-', '')).toBe(true);
  });

  it('gives each listed record the targets the timing core finds missed, with the reason given for each', async () => {
    const policies = new Map<number, Policy>();
    let withReason = 0;
    let withoutReason = 0;
    for (const item of report.breaches.recent) {
      const record = await desk.ok('getCall', { id: item.id });
      const version = record.policyVersion!;
      if (!policies.has(version)) policies.set(version, (await desk.ok('getPolicy', { version })).policy);
      const breached = evaluateTargets(record.timing, policies.get(version)!, desk.clock.ms)
        // Progress updates are reminders, not targets with a due time stored or a reason asked for.
        .filter((t) => t.state === 'breached' && t.kind !== 'progressUpdate')
        .map((t) => ({ kind: t.kind, index: t.index }));
      expect(item.missed.map(({ kind, index }) => ({ kind, index })), item.recordNo).toEqual(breached);
      for (const missed of item.missed) {
        const given = record.missReasons.find((r) => r.kind === missed.kind && r.index === missed.index);
        expect(missed.reason, `${item.recordNo} ${missed.kind}`).toEqual(given ? { code: given.code, text: given.text } : null);
        if (given) withReason++;
        else withoutReason++;
      }
    }
    // Both occur among the most recent (misses at close always have a reason; running ones past due often not yet),
    // so both sides of the comparison were exercised.
    expect(withReason).toBeGreaterThan(0);
    expect(withoutReason).toBeGreaterThan(0);
  });

  it('counts the reasons given across the whole period, and the records still without any', async () => {
    const byCode = new Map<string, number>();
    let without = 0;
    for (const row of reviewed) {
      const record = await desk.ok('getCall', { id: row.id });
      if (record.missReasons.length === 0) without++;
      for (const r of record.missReasons) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    }
    expect(report.breaches.withoutReason).toBe(without);
    expect(new Map(report.breaches.byReason.map((r) => [r.code, r.targets]))).toEqual(byCode);
    const counts = report.breaches.byReason.map((r) => r.targets);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });
});
