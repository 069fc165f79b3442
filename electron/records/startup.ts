import type { Kysely } from 'kysely';
import { localHour } from '../../shared/timing/localTime';
import { callsMissingDerived, updateCall } from '../store/calls';
import type { Database } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { resumeRejudges } from './policyVersions';
import { refreshDueTimes } from './callRecord';

/** Rows per transaction: large enough to be quick, small enough not to hold the write lock for long. */
const BATCH = 2_000;

/**
 * Fills what later versions store with each record, for records written before
 * them: the hour of day in the record's zone and the due times of its targets.
 * Migrations cannot do it (they never import app code); it runs once at start,
 * and costs one indexed query when there is nothing to do. Then finishes any
 * re-judge of a back-dated policy that an earlier run left half done.
 */
export async function backfillDerivedColumns(db: Kysely<Database>, now: number): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await callsMissingDerived(db, BATCH);
    if (rows.length === 0) {
      await resumeRejudges(db, now);
      return done;
    }
    await inWriteTransaction(db, async (trx) => {
      for (const row of rows) {
        await updateCall(trx, row.id, { local_hour: localHour(row.call_at, row.time_zone) });
        await refreshDueTimes(trx, row.id, now);
      }
    });
    done += rows.length;
  }
}
