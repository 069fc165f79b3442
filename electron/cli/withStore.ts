import fs from 'node:fs';
import path from 'node:path';
import { backfillDerivedColumns } from '../records/startup';
import { openStore, type Store } from '../store/openDb';
import { defaultDbPath } from '../store/paths';
import { UsageError } from './args';

/** The database a command works on: --db, else $HOTLINE_DB, else the desktop app's own file. */
export function dbFileOf(values: Record<string, string | boolean | undefined>): string {
  if (typeof values.db !== 'string') return defaultDbPath();
  const file = path.resolve(values.db);
  // A mistyped folder would silently start an empty database and look like every record was lost.
  if (!fs.existsSync(path.dirname(file))) throw new UsageError(`the folder of --db does not exist: ${path.dirname(file)}`);
  return file;
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
