import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { refreshDueTimes } from '../../../electron/records/callRecord';
import { resumeRejudges, saveVersion } from '../../../electron/records/policyVersions';
import { REJUDGE_CHUNK, rejudgeSpan } from '../../../electron/records/rejudge';
import { versionInForceAt } from '../../../shared/policy/inForce';
import { insertPolicy } from '../../../electron/store/policies';
import { rebuildRollups, type TouchedDay } from '../../../electron/store/rollups';
import type { Policy } from '../../../shared/policy/schema';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/** A re-judge of several chunks of demo history: progress per chunk, an interruption resumed, the figures exact. */
let desk: TestDesk;
const TABLES = ['stats_day', 'stats_hour', 'stats_dim', 'stats_agent', 'stats_reason', 'stats_response'];
const rollups = () => TABLES.map((t) => desk.store.sqlite.prepare(`SELECT * FROM ${t} WHERE calls <> 0`).all().map((r) => JSON.stringify(r)).sort());
const FROM = '2024-05-06';
const from = Date.parse(`${FROM}T00:00:00+08:00`);
const inSpan = () => desk.store.sqlite.prepare('SELECT count(*) FROM calls WHERE call_at >= ?').pluck().get(from) as number;
const onVersion = (v: number) => desk.store.sqlite.prepare('SELECT count(*) FROM calls WHERE call_at >= ? AND policy_id = ?').pluck().get(from, v) as number;

/** The defaults, with the urgent response tightened to 5 minutes: many verdicts change. */
async function tightened(): Promise<Policy> {
  const { policy } = await desk.ok('getPolicy', {});
  return { ...policy, priorities: policy.priorities.map((l) => (l.key === 'urgent' || l.key === 'important' ? { ...l, response: { amount: 5, unit: 'minutes' } } : l)) };
}

beforeAll(async () => {
  desk = await openTestDesk();
  await fillDemo(desk.store, { records: 1500, days: 20, seed: 'rejudge', until: '2024-05-19', today: desk.clock.ms, append: true });
});
afterAll(() => desk.close());

describe('re-judging a span of several chunks', () => {
  it('stops where it is interrupted, and picks up at the next start until the trail row is complete', async () => {
    expect(inSpan()).toBeGreaterThan(2 * REJUDGE_CHUNK);
    const policy = await tightened();
    const options = { now: desk.clock.ms, author: '李娜', authorId: 1, source: 'screen' as const, effectiveFrom: FROM };
    const seen: number[] = [];
    await expect(
      saveVersion(desk.store.db, policy, {
        ...options,
        onProgress: ({ done }) => {
          seen.push(done);
          if (done === REJUDGE_CHUNK) throw new Error('the app was closed');
        },
      }),
    ).rejects.toThrow('the app was closed');
    expect(seen).toEqual([REJUDGE_CHUNK]);
    expect(onVersion(2)).toBe(REJUDGE_CHUNK);
    expect(desk.store.sqlite.prepare('SELECT completed_at FROM policy_audit WHERE policy_id = 2').pluck().get()).toBeNull();

    expect(await resumeRejudges(desk.store.db, desk.clock.ms)).toBe(1);
    expect(onVersion(2)).toBe(inSpan());
    const trail = desk.store.sqlite.prepare('SELECT records_rejudged, verdicts_changed, completed_at FROM policy_audit WHERE policy_id = 2').get() as Record<string, number>;
    // Each chunk counted in its own transaction: the interrupted run's chunk is in the total.
    expect(trail.records_rejudged).toBe(inSpan());
    expect(trail.verdicts_changed).toBeGreaterThan(0);
    expect(trail.completed_at).toBe(desk.clock.ms);
    expect(await resumeRejudges(desk.store.db, desk.clock.ms)).toBe(0);
  });

  it('leaves every record as the per-record refresh would, and the rollups as a full rebuild', async () => {
    const rows = await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute();
    const transfers = await desk.store.db.selectFrom('transfers').selectAll().orderBy('id').execute();
    const kept = rollups();
    desk.store.sqlite.exec('BEGIN IMMEDIATE');
    try {
      for (const r of rows) await refreshDueTimes(desk.store.db, r.id, desk.clock.ms);
      expect(await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute()).toEqual(rows);
      expect(await desk.store.db.selectFrom('transfers').selectAll().orderBy('id').execute()).toEqual(transfers);
      rebuildRollups(desk.store.sqlite, desk.store.sqlite.prepare('SELECT DISTINCT desk_code, local_date FROM calls').all() as TouchedDay[]);
      expect(rollups()).toEqual(kept);
    } finally {
      desk.store.sqlite.exec('ROLLBACK');
    }
  });

  it('reports progress once per chunk, and a second identical run changes nothing', async () => {
    const policy = (await desk.ok('getPolicy', { version: 2 })).policy;
    const seen: number[] = [];
    const lastAudit = desk.store.sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
    const saved = await saveVersion(desk.store.db, policy, { now: desk.clock.ms, author: '李娜', authorId: 1, source: 'cli', effectiveFrom: FROM, onProgress: ({ done, total }) => seen.push(done / total) });
    // Once per write transaction: several of them (sized by time, the first REJUDGE_CHUNK records), always further on.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]).toBe(Math.min(1, REJUDGE_CHUNK / inSpan()));
    expect(seen.every((share, i) => i === 0 || share > seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    // Only the version changes: the same rules give the same due times and verdicts.
    expect(saved).toMatchObject({ version: 3, recordsRejudged: inSpan(), verdictsChanged: 0 });
    const audit = desk.store.sqlite.prepare("SELECT field, new_value, count(*) AS n FROM audit_log WHERE id > ? GROUP BY field, new_value").all(lastAudit);
    expect(audit).toEqual([{ field: 'policy', new_value: '3', n: inSpan() }]);
  });
});

describe('a version saved while another re-judges', () => {
  it('keeps its own span: a re-judge whose span was read before it never takes its records', async () => {
    const later = Date.parse('2024-05-13T00:00:00+08:00');
    const { policy: defaults } = await desk.ok('getPolicy', { version: 1 });
    // B, from 05-13, is saved while A (from 05-06) is under way with the span it read before B: open-ended.
    const b = await insertPolicy(desk.store.db, { effective_from: later, created_at: desk.clock.ms, created_by: '王管理', json: JSON.stringify(await tightened()) });
    const a = await insertPolicy(desk.store.db, { effective_from: from, created_at: desk.clock.ms, created_by: '李娜', json: JSON.stringify(defaults) });
    expect([b, a]).toEqual([4, 5]);
    const count = (sql: string, ...args: number[]) => desk.store.sqlite.prepare(`SELECT count(*) FROM calls WHERE ${sql}`).pluck().get(...args) as number;
    const done = await rejudgeSpan(desk.store.db, { span: { from, until: null }, policyId: a, policy: defaults, actor: '李娜', actorId: 1, reason: 'test', now: desk.clock.ms });
    expect(done.records).toBe(count('call_at >= ? AND call_at < ?', from, later));
    expect(count('call_at >= ? AND call_at < ? AND policy_id <> ?', from, later, a)).toBe(0);
    expect(count('call_at >= ? AND policy_id = ?', later, a)).toBe(0);
  });

  it('is found by the rule policyInForceAt applies: latest start at or before, newer of equal starts, else the first', () => {
    const versions = [
      { id: 1, effectiveFrom: 100 },
      { id: 2, effectiveFrom: 50 },
      { id: 3, effectiveFrom: 100 },
    ];
    expect(versionInForceAt(versions, 10)?.id).toBe(1);
    expect(versionInForceAt(versions, 60)?.id).toBe(2);
    expect(versionInForceAt(versions, 100)?.id).toBe(3);
    expect(versionInForceAt([], 100)).toBeUndefined();
  });
});
