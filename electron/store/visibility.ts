import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Which calls a reader may see: those logged here, and those brought by an
 * import once it is published. An import stages its rows in many short
 * transactions under an unpublished batch (migration 0009,
 * archive/importStaging.ts); until the one small transaction that publishes
 * it, no review, statistic, follow-up, sign-off, export or re-judge sees any of
 * them, so the import is all or nothing as people see it. The subquery does
 * not depend on the row: SQLite evaluates it once per statement, and it is
 * empty whenever no import is running.
 */
export const visibleCallsSql = (alias = 'calls'): string =>
  `(${alias}.import_batch IS NULL OR ${alias}.import_batch NOT IN (SELECT id FROM import_batches WHERE published_at IS NULL))`;

/** visibleCallsSql as a kysely condition: `.where(visibleCalls())`. */
export const visibleCalls = (alias = 'calls'): RawBuilder<SqlBool> => sql.raw<SqlBool>(visibleCallsSql(alias));
