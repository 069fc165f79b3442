import type BetterSqlite3 from 'better-sqlite3';
// The definitions the triggers are made from now (migration 0010: 0004's, each guarded so that a voided call counts nowhere).
import { at, ROLLUPS } from './migrations/2026_12_01_0010_void';
import { visibleCallsSql } from './visibility';

/**
 * Bulk inserts into (and bulk updates of) `calls` without the rollup triggers' per-row work
 * (migrations 0004 and 0010: six upserts for every call, most of an import's write
 * time), the rollups kept exact all the same. Within the caller's write
 * transaction the insert triggers are dropped, the rows go in, the triggers
 * are created again from their own stored SQL, and the rollups of the days
 * touched are rebuilt from the calls. DDL is transactional in SQLite: if
 * anything fails, the rollback puts the triggers back with everything else,
 * and no other connection ever sees the table without them.
 */

export interface TouchedDay {
  desk_code: string;
  local_date: string;
}

/** The insert trigger of each rollup table (update and delete triggers stay: a bulk insert fires neither). */
const INSERT_TRIGGERS = ROLLUPS.map((r) => `${r.table}_on_insert`);

/**
 * Runs `insert` (synchronous) with the rollup insert triggers set aside, then
 * rebuilds the rollups of `days`, which must hold the desk and local date of
 * every call `insert` adds. Inside a transaction only.
 */
export function insertCallsInBulk<T>(sqlite: BetterSqlite3.Database, days: Iterable<TouchedDay>, insert: () => T): T {
  return withoutTriggers(sqlite, INSERT_TRIGGERS, days, insert);
}

/** The update trigger of each rollup table. */
const UPDATE_TRIGGERS = ROLLUPS.map((r) => `${r.table}_on_update`);

/**
 * Runs `update` (synchronous), which may change only calls of `days`, with the
 * rollup update triggers set aside (twelve upserts per updated row, most of a
 * re-judge's write time), then rebuilds the rollups of those days. Inside a
 * transaction only, like insertCallsInBulk.
 */
export function updateCallsInBulk<T>(sqlite: BetterSqlite3.Database, days: Iterable<TouchedDay>, update: () => T): T {
  return withoutTriggers(sqlite, UPDATE_TRIGGERS, days, update);
}

function withoutTriggers<T>(sqlite: BetterSqlite3.Database, names: readonly string[], days: Iterable<TouchedDay>, work: () => T): T {
  if (!sqlite.inTransaction) throw new Error('bulk writes to calls run inside a write transaction only');
  const stored = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'calls'").all() as Array<{ name: string; sql: string }>;
  const triggers = names.map((name) => {
    const found = stored.find((t) => t.name === name);
    if (!found) throw new Error(`The rollup trigger ${name} is missing: this database's schema is not the one the bulk write expects.`);
    return found;
  });
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER ${name}`);
  const result = work();
  for (const { sql } of triggers) sqlite.exec(sql);
  rebuildRollups(sqlite, days);
  return result;
}

/**
 * Recomputes the rollups of the given desk days from their calls, by the
 * definitions the triggers were made from. Exported for the test that holds
 * it equal to what the triggers keep.
 */
export function rebuildRollups(sqlite: BetterSqlite3.Database, days: Iterable<TouchedDay>): void {
  const list = JSON.stringify([...days].map((d) => [d.desk_code, d.local_date]));
  // The days drive the join (CROSS JOIN keeps that order), so each is found through calls_by_day;
  // a row-value IN (…) made SQLite scan the desk's every call instead.
  const touched = 'json_each(?) AS d CROSS JOIN calls ON calls.desk_code = d.value ->> 0 AND calls.local_date = d.value ->> 1';
  for (const r of ROLLUPS) {
    const keyNames = ['desk_code', 'local_date', ...r.keys.map(([k]) => k)];
    const keyExprs = ['calls.desk_code', 'calls.local_date', ...r.keys.map(([, , e]) => at(e, 'calls'))];
    sqlite.prepare(`DELETE FROM ${r.table} WHERE (desk_code, local_date) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`).run(list);
    sqlite
      .prepare(
        `INSERT INTO ${r.table} (${[...keyNames, ...r.measures.map(([m]) => m)].join(', ')})
         SELECT ${[...keyExprs, ...r.measures.map(([, e]) => `sum(${at(e, 'calls')})`)].join(', ')}
         FROM ${touched} WHERE ${visibleCallsSql()}${r.where ? ` AND ${at(r.where, 'calls')}` : ''} GROUP BY ${keyExprs.join(', ')}`,
      )
      .run(list);
  }
}

/** The key columns and measure columns of a rollup, in table order. */
function columnsOf(r: (typeof ROLLUPS)[number]) {
  const keyNames = ['desk_code', 'local_date', ...r.keys.map(([k]) => k)];
  const keyExprs = ['calls.desk_code', 'calls.local_date', ...r.keys.map(([, , e]) => at(e, 'calls'))];
  return { keyNames, keyExprs, measures: r.measures.map(([m]) => m) };
}

const addMeasures = (measures: readonly string[]) => measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ');

/**
 * Adds the figures of a staged import's calls with ids `firstId`…`lastId` (one
 * chunk, just written) to the batch's staged rollups (migration 0009), by the
 * same definitions as the triggers. The rollups themselves change only at publish.
 */
export function stageRollups(sqlite: BetterSqlite3.Database, batchId: number, firstId: number, lastId: number): void {
  for (const r of ROLLUPS) {
    const { keyNames, keyExprs, measures } = columnsOf(r);
    sqlite
      .prepare(
        `INSERT INTO staged_${r.table} (batch_id, ${[...keyNames, ...measures].join(', ')})
         SELECT ?, ${[...keyExprs, ...r.measures.map(([, e]) => `sum(${at(e, 'calls')})`)].join(', ')}
         FROM calls WHERE calls.id BETWEEN ? AND ? AND calls.import_batch = ?${r.where ? ` AND ${at(r.where, 'calls')}` : ''}
         GROUP BY ${keyExprs.join(', ')}
         ON CONFLICT (batch_id, ${keyNames.join(', ')}) DO UPDATE SET ${addMeasures(measures)}`,
      )
      .run(batchId, firstId, lastId, batchId);
  }
}

/** The publish of a batch's figures: its staged rollups added to the rollups, then cleared. Inside the publishing transaction. */
export function publishStagedRollups(sqlite: BetterSqlite3.Database, batchId: number): void {
  for (const r of ROLLUPS) {
    const { keyNames, measures } = columnsOf(r);
    const columns = [...keyNames, ...measures].join(', ');
    // WHERE true: without it SQLite would read ON CONFLICT as a join's ON.
    sqlite
      .prepare(`INSERT INTO ${r.table} (${columns}) SELECT ${columns} FROM staged_${r.table} WHERE batch_id = ? AND true ON CONFLICT (${keyNames.join(', ')}) DO UPDATE SET ${addMeasures(measures)}`)
      .run(batchId);
  }
  dropStagedRollups(sqlite, batchId);
}

/** Clears a batch's staged rollups (after publishing it, or when it is removed unpublished). */
export function dropStagedRollups(sqlite: BetterSqlite3.Database, batchId: number): void {
  for (const r of ROLLUPS) sqlite.prepare(`DELETE FROM staged_${r.table} WHERE batch_id = ?`).run(batchId);
}
