import { sql, type Kysely } from 'kysely';

/**
 * Statistics rollups: per desk and local day, the settled figures of its calls
 * (those that do not depend on "now"), kept exact by triggers on every insert,
 * update and delete of a call, whoever writes it (the desk, an import, the demo
 * filler). A year's statistics then read a few thousand rollup rows instead of
 * aggregating 200,000 calls; what depends on "now" (running targets, overdue
 * follow-ups) is read live from the few records that still have one
 * (calls_running, a partial index). Frozen: never import app code here.
 */

/** One rollup: its key columns (over calls, NULL stored as '') and its measures (SQL over a calls row alias R). */
export interface Rollup {
  table: string;
  keys: Array<[name: string, type: 'text' | 'integer', expression: string]>;
  measures: Array<[name: string, expression: string]>;
  /** Only rows for which this holds are counted (e.g. answered calls for the response distribution). */
  where?: string;
}

/** Exported for store/rollups.ts, which rebuilds a bulk import's days by these very definitions. */
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
  },
  { table: 'stats_hour', keys: [['hour', 'integer', 'coalesce(R.local_hour, -1)']], measures: [['calls', '1']] },
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
  },
  { table: 'stats_reason', keys: [['reason', 'text', 'R.reason']], measures: [['calls', '1']], where: 'R.reason IS NOT NULL' },
  {
    table: 'stats_response',
    // Tenths of a minute, floored: whole-minute histogram bounds are exact, quantiles to the 0.1 minute shown.
    keys: [['tenth', 'integer', '(R.answered_at - R.call_at) / 6000']],
    measures: [['calls', '1']],
    where: 'R.answered_at IS NOT NULL',
  },
];

export const at = (expression: string, alias: 'NEW' | 'OLD' | 'calls') => expression.replace(/\bR\./g, `${alias}.`);

/** Adds (sign +) or removes (sign −) one call's contribution to a rollup. Exported for 0009 and 0010, which re-create the triggers guarded. */
export function applySql(r: Rollup, alias: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const keyNames = ['desk_code', 'local_date', ...r.keys.map(([k]) => k)];
  const keyValues = [`${alias}.desk_code`, `${alias}.local_date`, ...r.keys.map(([, , e]) => at(e, alias))];
  const values = r.measures.map(([, e]) => `${sign === '-' ? '-' : ''}(${at(e, alias)})`);
  const guard = r.where ? ` WHERE ${at(r.where, alias)}` : '';
  return `INSERT INTO ${r.table} (${[...keyNames, ...r.measures.map(([m]) => m)].join(', ')})
    SELECT ${[...keyValues, ...values].join(', ')}${guard}
    ON CONFLICT (${keyNames.join(', ')}) DO UPDATE SET ${r.measures.map(([m]) => `${m} = ${m} + excluded.${m}`).join(', ')};`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  for (const r of ROLLUPS) {
    const keyDefs = r.keys.map(([k, type]) => `${k} ${type} NOT NULL`);
    const measureDefs = r.measures.map(([m]) => `${m} INTEGER NOT NULL DEFAULT 0`);
    const pk = ['desk_code', 'local_date', ...r.keys.map(([k]) => k)].join(', ');
    await sql
      .raw(`CREATE TABLE ${r.table} (desk_code TEXT NOT NULL, local_date TEXT NOT NULL, ${[...keyDefs, ...measureDefs].join(', ')}, PRIMARY KEY (${pk}))`)
      .execute(db);
    // The calls already logged, in one pass.
    const keyExprs = ['calls.desk_code', 'calls.local_date', ...r.keys.map(([, , e]) => at(e, 'calls'))];
    await sql
      .raw(
        `INSERT INTO ${r.table} (${['desk_code', 'local_date', ...r.keys.map(([k]) => k), ...r.measures.map(([m]) => m)].join(', ')})
         SELECT ${[...keyExprs, ...r.measures.map(([, e]) => `sum(${at(e, 'calls')})`)].join(', ')}
         FROM calls ${r.where ? `WHERE ${at(r.where, 'calls')}` : ''} GROUP BY ${keyExprs.join(', ')}`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_insert AFTER INSERT ON calls BEGIN ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_update AFTER UPDATE ON calls BEGIN ${applySql(r, 'OLD', '-')} ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_delete AFTER DELETE ON calls BEGIN ${applySql(r, 'OLD', '-')} END`).execute(db);
  }
  // Records whose figures still depend on "now": a target still running.
  await sql`CREATE INDEX calls_running ON calls (local_date) WHERE next_due_at IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX calls_running`.execute(db);
  for (const r of [...ROLLUPS].reverse()) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${r.table}_on_${event}`).execute(db);
    await sql.raw(`DROP TABLE ${r.table}`).execute(db);
  }
}
