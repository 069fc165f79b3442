import path from 'node:path';
import { backfillDerivedColumns } from '../handlers/startup';
import { openStore, type Store } from '../store/openDb';
import { defaultDbPath } from '../store/paths';

/** The database a command works on: --db, else $HOTLINE_DB, else the desktop app's own file. */
export function dbFileOf(values: Record<string, string | boolean | undefined>): string {
  return typeof values.db === 'string' ? path.resolve(values.db) : defaultDbPath();
}

/** Opens the store for one command and always closes it. */
export async function withStore<T>(values: Record<string, string | boolean | undefined>, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dbFileOf(values));
  try {
    await backfillDerivedColumns(store.db, Date.now());
    return await work(store);
  } finally {
    await store.close();
  }
}
