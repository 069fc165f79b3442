import type { Kysely, Transaction } from 'kysely';
import type { Database, PolicyRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertPolicy(db: Db, row: Omit<PolicyRow, 'id'>): Promise<number> {
  const inserted = await db.insertInto('policies').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findPolicy(db: Db, id: number): Promise<PolicyRow | undefined> {
  return db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether any version was ever saved: a fresh database has none (IT may import one before set-up). */
export async function hasPolicy(db: Db): Promise<boolean> {
  return (await db.selectFrom('policies').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every version, oldest first, without its policy text. */
export async function listPolicies(db: Db): Promise<Array<Omit<PolicyRow, 'json'>>> {
  return db.selectFrom('policies').select(['id', 'effective_from', 'created_at', 'created_by']).orderBy('id').execute();
}

/**
 * The version in force at an instant: the newest that took effect at or before it.
 * A call logged late, from before the first version, is judged by the first.
 */
export async function policyInForceAt(db: Db, at: number): Promise<PolicyRow | undefined> {
  const inForce = await db
    .selectFrom('policies')
    .selectAll()
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return inForce ?? db.selectFrom('policies').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

/**
 * Every version with its policy text, in the order they took effect (ties by
 * id): the import and the demo judge each call by the version in force when it
 * came in, and the export labels each record with its own version's names.
 */
export async function listPolicyVersions(db: Db): Promise<Array<Pick<PolicyRow, 'id' | 'effective_from' | 'json'>>> {
  return db.selectFrom('policies').select(['id', 'effective_from', 'json']).orderBy('effective_from').orderBy('id').execute();
}

/** How many versions exist: an import refuses to go on when the table changed since it read the file's rows against it. */
export async function countPolicies(db: Db): Promise<number> {
  const row = await db.selectFrom('policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every policy version whole, ids included: a staging copy judges and labels records as this desk does. */
export async function allPolicyRows(db: Db): Promise<PolicyRow[]> {
  return db.selectFrom('policies').selectAll().orderBy('id').execute();
}

/** Writes versions with their own ids into an empty database (a staging copy, team/teamExport.ts). */
export async function insertPolicyRows(db: Db, rows: readonly PolicyRow[]): Promise<void> {
  for (const row of rows) await db.insertInto('policies').values(row).execute();
}
