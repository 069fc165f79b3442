import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { insertCallsInBulk, rebuildRollups, updateCallsInBulk, type TouchedDay } from '../../../electron/store/rollups';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
const TABLES = ['stats_day', 'stats_hour', 'stats_dim', 'stats_agent', 'stats_reason', 'stats_response'];

/** Every rollup row with something in it (an update or a delete can leave a row of zeros behind). */
const rollups = () => TABLES.map((t) => desk.store.sqlite.prepare(`SELECT * FROM ${t} WHERE calls <> 0`).all().map((r) => JSON.stringify(r)).sort());
const triggers = () => desk.store.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
const days = (): TouchedDay[] => desk.store.sqlite.prepare('SELECT DISTINCT desk_code, local_date FROM calls').all() as TouchedDay[];

/** Runs `work` in a transaction that is always rolled back. */
function rolledBack<T>(work: () => T): T {
  desk.store.sqlite.exec('BEGIN IMMEDIATE');
  try {
    return work();
  } finally {
    desk.store.sqlite.exec('ROLLBACK');
  }
}

/** A copy of an existing call under a new record number, with the raw connection. */
function copyCall(recordNo: string): void {
  const columns = (desk.store.sqlite.prepare('SELECT * FROM calls LIMIT 1').columns() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'id' && c !== 'record_no');
  desk.store.sqlite.prepare(`INSERT INTO calls (record_no, ${columns.join(', ')}) SELECT ?, ${columns.join(', ')} FROM calls WHERE answered_at IS NOT NULL AND reason IS NOT NULL ORDER BY id LIMIT 1`).run(recordNo);
}

beforeAll(async () => {
  desk = await openTestDesk();
  await fillDemo(desk.store, { records: 800, days: 20, seed: 'rebuild', until: '2024-05-19', today: desk.clock.ms, append: true });
  // Updates through the handlers leave rows the triggers moved from one key to another.
  const call = await callAtStage(desk, 'answered', { fields: { priority: 'urgent', category: 'technical', reason: '系统宕机', scoreSpeed: 2 }, answerAfter: 20 });
  await desk.ok('updateCall', { id: call.id, patch: { priority: 'important', category: 'service' } });
});
afterAll(() => desk.close());

describe('rebuilding the rollups of some days', () => {
  it('gives what the triggers keep, every table and every measure', () => {
    const kept = rollups();
    expect(kept.every((rows) => rows.length > 0)).toBe(true);
    expect(rolledBack(() => (rebuildRollups(desk.store.sqlite, days()), rollups()))).toEqual(kept);
  });
});

describe('a bulk insert without the per-row triggers', () => {
  it('leaves the rollups as the triggers would have', () => {
    const withTriggers = rolledBack(() => (copyCall('CS20240519901'), rollups()));
    const touched = desk.store.sqlite.prepare('SELECT desk_code, local_date FROM calls WHERE answered_at IS NOT NULL AND reason IS NOT NULL ORDER BY id LIMIT 1').all() as TouchedDay[];
    const inBulk = rolledBack(() => (insertCallsInBulk(desk.store.sqlite, touched, () => copyCall('CS20240519901')), rollups()));
    expect(inBulk).toEqual(withTriggers);
    expect(inBulk).not.toEqual(rollups());
  });

  it('puts the triggers back exactly, and a failure rolls their removal back too', () => {
    const before = triggers();
    expect(rolledBack(() => (insertCallsInBulk(desk.store.sqlite, [], () => undefined), triggers()))).toEqual(before);
    expect(() =>
      rolledBack(() =>
        insertCallsInBulk(desk.store.sqlite, [], () => {
          throw new Error('disk full');
        }),
      ),
    ).toThrow('disk full');
    expect(triggers()).toEqual(before);
  });

  it('runs inside a transaction only', () => {
    expect(() => insertCallsInBulk(desk.store.sqlite, [], () => undefined)).toThrow(/inside a write transaction/);
  });
});

describe('a bulk update without the per-row triggers', () => {
  it('leaves the rollups as the triggers would have, and the triggers as they were', () => {
    // What a re-judge does: other due times, another breach summary, on the calls of one day.
    const day = desk.store.sqlite.prepare('SELECT desk_code, local_date FROM calls ORDER BY id LIMIT 1').get() as TouchedDay;
    const change = () =>
      desk.store.sqlite
        .prepare('UPDATE calls SET response_due_at = call_at + 60000, resolution_due_at = call_at + 120000, ended_breach = 1 - coalesce(ended_breach, 0) WHERE desk_code = ? AND local_date = ?')
        .run(day.desk_code, day.local_date);
    const before = triggers();
    const withTriggers = rolledBack(() => (change(), rollups()));
    const inBulk = rolledBack(() => (updateCallsInBulk(desk.store.sqlite, [day], change), triggers().length === before.length ? rollups() : []));
    expect(inBulk).toEqual(withTriggers);
    expect(inBulk).not.toEqual(rollups());
    expect(triggers()).toEqual(before);
  });
});
