import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { visibleRow } from './migrations/2026_12_01_0009_import_batches';

/**
 * Which calls a reader may see: those logged here, and those brought by an
 * import once it is published. An import stages its rows in many short
 * transactions under an unpublished batch (migration 0009,
 * archive/importStaging.ts); until the one small transaction that publishes
 * it, no review, statistic, follow-up, sign-off, export or re-judge sees any of
 * them, so the import is all or nothing as people see it. The subquery does
 * not depend on the row: SQLite evaluates it once per statement, and it is
 * empty whenever no import is running. It is the very rule the rollup triggers
 * are guarded by (migration 0009's visibleRow), so a figure and a list never
 * disagree on which calls exist.
 */
export const visibleCallsSql = (): string => visibleRow('calls');

/** visibleCallsSql as a kysely condition: `.where(visibleCalls())`. */
export const visibleCalls = (): RawBuilder<SqlBool> => sql.raw<SqlBool>(visibleCallsSql());
