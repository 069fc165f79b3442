import { sql, type Kysely } from 'kysely';
import { ROLLUPS as UNGUARDED } from './2026_11_23_0004_rollups';
import { visibleRow } from './2026_12_01_0009_import_batches';

/**
 * Voided records (issue 12, "one call, one workspace"): a record logged by
 * mistake is kept, read-only, with who voided it, when and why, and counts in
 * no figure. The rollup triggers of migration 0004 are made again from the
 * definitions below, each guarded so that a voided call contributes nothing:
 * voiding a call (an UPDATE) takes its share out of every rollup, and no later
 * change can put it back. Frozen: never import app code here (0004 is frozen too).
 */

/** One rollup: its key columns (over calls, NULL stored as '') and its measures (SQL over a calls row alias R). */
export interface Rollup {
  table: string;
  keys: Array<[name: string, type: 'text' | 'integer', expression: string]>;
  measures: Array<[name: string, expression: string]>;
  /** Only rows for which this holds are counted: never a voided call, and e.g. answered calls for the response distribution. */
  where: string;
}

/** What a call must be to count in any figure. */
const COUNTED = 'R.voided_at IS NULL';

/**
 * The rollups as the triggers keep them from this migration on. Exported for
 * store/rollups.ts, which rebuilds a bulk write's days by these very definitions.
 */
export const ROLLUPS: readonly Rollup[] = [
  {
    table: 'stats_day',
    keys: [],
    measures: [
      ['calls', '1'],
      ['answered', 'R.answered_at IS NOT NULL'],
      ['response_ms_sum', 'coalesce(R.answered_at - R.call_at, 0)'],
      ['response_met', 'coalesce(R.answered_at <= R.response_due_at, 0)'],
      ['response_late', 'coalesce(R.answered_at > R.response_due_at, 0)'],
      ['resolved_in_target', 'coalesce(R.resolved_at <= R.resolution_due_at, 0)'],
      ['resolution_settled', "(R.resolved_at IS NOT NULL OR coalesce(R.result = 'cannot_resolve', 0))"],
      ['ended_breach', 'coalesce(R.ended_breach, 0)'],
      ['fb_satisfied', "coalesce(R.feedback = 'satisfied', 0)"],
      ['fb_basic', "coalesce(R.feedback = 'basically_satisfied', 0)"],
      ['fb_unsatisfied', "coalesce(R.feedback = 'unsatisfied', 0)"],
      ['speed_sum', 'coalesce(R.score_speed, 0)'],
      ['speed_n', 'R.score_speed IS NOT NULL'],
      ['prof_sum', 'coalesce(R.score_professionalism, 0)'],
      ['prof_n', 'R.score_professionalism IS NOT NULL'],
      ['res_sum', 'coalesce(R.score_resolution, 0)'],
      ['res_n', 'R.score_resolution IS NOT NULL'],
    ],
    where: COUNTED,
  },
  { table: 'stats_hour', keys: [['hour', 'integer', 'coalesce(R.local_hour, -1)']], measures: [['calls', '1']], where: COUNTED },
  {
    table: 'stats_dim',
    keys: [
      ['priority', 'text', "coalesce(R.priority, '')"],
      ['category', 'text', "coalesce(R.category, '')"],
      ['result', 'text', "coalesce(R.result, '')"],
    ],
    measures: [
      ['calls', '1'],
      ['response_met', 'coalesce(R.answered_at <= R.response_due_at, 0)'],
      ['response_late', 'coalesce(R.answered_at > R.response_due_at, 0)'],
      ['has_response_target', 'R.response_due_at IS NOT NULL'],
      ['resolved_in_target', 'coalesce(R.resolved_at <= R.resolution_due_at, 0)'],
      ['resolution_settled', "(R.resolved_at IS NOT NULL OR coalesce(R.result = 'cannot_resolve', 0))"],
    ],
    where: COUNTED,
  },
  {
    table: 'stats_agent',
    keys: [['agent', 'text', 'R.agent']],
    measures: [
      ['calls', '1'],
      ['answered', 'R.answered_at IS NOT NULL'],
      ['response_ms_sum', 'coalesce(R.answered_at - R.call_at, 0)'],
      ['ended_breach', 'coalesce(R.ended_breach, 0)'],
    ],
    where: COUNTED,
  },
  { table: 'stats_reason', keys: [['reason', 'text', 'R.reason']], measures: [['calls', '1']], where: `${COUNTED} AND R.reason IS NOT NULL` },
  {
    table: 'stats_response',
    // Tenths of a minute, floored: whole-minute histogram bounds are exact, quantiles to the 0.1 minute shown.
    keys: [['tenth', 'integer', '(R.answered_at - R.call_at) / 6000']],
    measures: [['calls', '1']],
    where: `${COUNTED} AND R.answered_at IS NOT NULL`,
  },
];

/** A definition's SQL over the given row alias (the triggers' NEW and OLD, a query's calls). */
export const at = (expression: string, alias: 'NEW' | 'OLD' | 'calls') => expression.replace(/\bR\./g, `${alias}.`);

interface Definition {
  table: string;
  keys: Rollup['keys'];
  measures: Rollup['measures'];
  where?: string | undefined;
}

/** Adds (sign +) or removes (sign −) one call's contribution to a rollup. */
function applySql(r: Definition, alias: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const keyNames = ['desk_code', 'local_date', ...r.keys.map(([k]) => k)];
  const keyValues = [`${alias}.desk_code`, `${alias}.local_date`, ...r.keys.map(([, , e]) => at(e, alias))];
  const values = r.measures.map(([, e]) => `${sign === '-' ? '-' : ''}(${at(e, alias)})`);
  const guard = r.where ? ` WHERE ${at(r.where, alias)}` : '';
  return `INSERT INTO ${r.table} (${[...keyNames, ...r.measures.map(([m]) => m)].join(', ')})
    SELECT ${[...keyValues, ...values].join(', ')}${guard}
    ON CONFLICT (${keyNames.join(', ')}) DO UPDATE SET ${r.measures.map(([m]) => `${m} = ${m} + excluded.${m}`).join(', ')};`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
async function remakeRollups(db: Kysely<any>, definitions: readonly Definition[]): Promise<void> {
  for (const r of definitions) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${r.table}_on_${event}`).execute(db);
    // From scratch by these definitions (the visible calls): the figures then agree with what the triggers keep from here on.
    const keyExprs = ['calls.desk_code', 'calls.local_date', ...r.keys.map(([, , e]) => at(e, 'calls'))];
    await sql.raw(`DELETE FROM ${r.table}`).execute(db);
    await sql
      .raw(
        `INSERT INTO ${r.table} (${['desk_code', 'local_date', ...r.keys.map(([k]) => k), ...r.measures.map(([m]) => m)].join(', ')})
         SELECT ${[...keyExprs, ...r.measures.map(([, e]) => `sum(${at(e, 'calls')})`)].join(', ')}
         FROM calls WHERE ${visibleRow('calls')}${r.where ? ` AND ${at(r.where, 'calls')}` : ''} GROUP BY ${keyExprs.join(', ')}`,
      )
      .execute(db);
    // 0009's guard stays: a staged import's calls count nowhere until their batch is published.
    await sql.raw(`CREATE TRIGGER ${r.table}_on_insert AFTER INSERT ON calls WHEN ${visibleRow('NEW')} BEGIN ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_update AFTER UPDATE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_delete AFTER DELETE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} END`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('voided_at', 'integer').execute();
  await db.schema.alterTable('calls').addColumn('voided_by', 'text').execute();
  await db.schema.alterTable('calls').addColumn('void_reason', 'text').execute();
  // Review's "Voided" filter reads the few voided records without a scan.
  await sql`CREATE INDEX calls_voided ON calls (local_date) WHERE voided_at IS NOT NULL`.execute(db);
  await remakeRollups(db, ROLLUPS);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // Triggers naming voided_at go before the column does; the rollups without the guard count the voided records again.
  for (const r of ROLLUPS) for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${r.table}_on_${event}`).execute(db);
  await sql`DROP INDEX calls_voided`.execute(db);
  for (const column of ['void_reason', 'voided_by', 'voided_at']) await db.schema.alterTable('calls').dropColumn(column).execute();
  await remakeRollups(db, UNGUARDED);
}
