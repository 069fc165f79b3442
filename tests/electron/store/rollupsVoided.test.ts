import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { rebuildRollups, updateCallsInBulk, type TouchedDay } from '../../../electron/store/rollups';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The rollup triggers (migration 0010) and rebuildRollups (a bulk write's days)
 * are made from one list of guarded definitions: with voided calls among the
 * calls they must agree, and a voided call must weigh what a deleted one does.
 */
let desk: TestDesk;
const TABLES = ['stats_day', 'stats_hour', 'stats_dim', 'stats_agent', 'stats_reason', 'stats_response'];
const rollups = () => TABLES.map((t) => desk.store.sqlite.prepare(`SELECT * FROM ${t} WHERE calls <> 0`).all().map((r) => JSON.stringify(r)).sort());
const days = (): TouchedDay[] => desk.store.sqlite.prepare('SELECT DISTINCT desk_code, local_date FROM calls').all() as TouchedDay[];
/** Every 7th call with an answer and a reason: a share in every rollup table. */
const SOME = 'SELECT id FROM calls WHERE answered_at IS NOT NULL AND reason IS NOT NULL AND id % 7 = 0';

function rolledBack<T>(work: () => T): T {
  desk.store.sqlite.exec('BEGIN IMMEDIATE');
  try {
    return work();
  } finally {
    desk.store.sqlite.exec('ROLLBACK');
  }
}

beforeAll(async () => {
  desk = await openTestDesk();
  await fillDemo(desk.store, { records: 600, days: 10, seed: 'voided', until: '2024-05-19', today: desk.clock.ms, append: true });
});
afterAll(() => desk.close());

describe('rollups with voided calls', () => {
  it('are the same kept by the triggers, rebuilt by rebuildRollups, and with the voided calls deleted instead', () => {
    const all = rollups();
    const voided = desk.store.sqlite.prepare(SOME).all().length;
    expect(voided).toBeGreaterThan(20);
    const void_ = () => desk.store.sqlite.prepare(`UPDATE calls SET voided_at = 1, voided_by = '李娜', void_reason = '误按' WHERE id IN (${SOME})`).run();

    const byTriggers = rolledBack(() => (void_(), rollups()));
    expect(byTriggers).not.toEqual(all);
    expect(rolledBack(() => (void_(), rebuildRollups(desk.store.sqlite, days()), rollups()))).toEqual(byTriggers);
    expect(rolledBack(() => (updateCallsInBulk(desk.store.sqlite, days(), void_), rollups()))).toEqual(byTriggers);
    const remove = () => {
      // Children first (foreign keys); the triggers watch calls only.
      for (const child of ['steps', 'transfers', 'miss_reasons', 'audit_log']) desk.store.sqlite.prepare(`DELETE FROM ${child} WHERE call_id IN (${SOME})`).run();
      desk.store.sqlite.prepare(`DELETE FROM calls WHERE id IN (${SOME})`).run();
    };
    expect(rolledBack(() => (remove(), rollups()))).toEqual(byTriggers);
  });
});
