import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { findTeamLink, updateTeamLink } from '../store/outbox';
import {
  clearPushedPhone,
  markQueueSnapshotsReported,
  oldestWaitingRecordSeq,
  parkPhoneEntry,
  phoneSnapshotsOf,
  unparkChangedPhone,
  unreportedQueueSnapshots,
  waitingPhoneEntries,
} from '../store/phoneOutbox';
import { inWriteTransaction } from '../store/writeTransaction';
import type { PushTarget } from '../teamStore/deskApi';
import { asTeamError, sendHalvingOnRefusal } from './halvingPush';

/**
 * The phone facts' and missed calls' side of the pusher (issue 15), beside the
 * records' (pusher.ts, left as it is): the oldest waiting phone rows in one
 * push_phone call, with the records' identity (epoch, incarnation, instance,
 * app version), its (epoch, seq) guard per row on the server, the same
 * high-water mark and lease. A row the server refuses for its own data is
 * found by halving and parked; anything else is thrown for the loop to back
 * off from, exactly as a record push's failure.
 */

export interface PhonePushOptions {
  target: PushTarget;
  appVersion: string;
  now: () => number;
  batchSize?: number;
}

export type PhonePushOutcome = { kind: 'idle' } | { kind: 'pushed'; rows: number; parked: number; highWater: number } | { kind: 'unsupported' };

/** Phone rows per push: flat rows, so a batch of this many is far smaller than a batch of records. */
export const PHONE_BATCH = 1_000;

/** PostgreSQL's undefined_function: a server not yet migrated to 0007 has no push_phone. */
const NO_SUCH_FUNCTION = '42883';


/**
 * One round of phone rows. Only rows older than the oldest record still
 * waiting go: the server's high-water mark then never passes a record not yet
 * pushed, so a sign-off's covered mark cannot hide that record's later
 * arrival (it is flagged changed after sign-off, as it must be).
 */
export async function pushPhoneOnce(db: Kysely<Database>, options: PhonePushOptions): Promise<PhonePushOutcome> {
  const push = options.target.pushPhone?.bind(options.target);
  if (!push) return { kind: 'unsupported' };
  const link = await findTeamLink(db);
  if (!link || link.incarnation === null) return { kind: 'idle' };
  await unparkChangedPhone(db);
  const entries = await waitingPhoneEntries(db, options.batchSize ?? PHONE_BATCH, await oldestWaitingRecordSeq(db));
  if (entries.length === 0) return { kind: 'idle' };
  const identity = { epoch: link.epoch, incarnation: link.incarnation, instance: link.instance, appVersion: options.appVersion };
  let highWater = link.pushed_seq;

  let parked: number;
  try {
    parked = await sendHalvingOnRefusal(
      entries,
      async (part) => {
        highWater = Math.max(highWater, await push({ ...identity, deskClock: options.now(), ...(await phoneSnapshotsOf(db, part)) }));
        await inWriteTransaction(db, (trx) => clearPushedPhone(trx, part));
      },
      (entry, why) => parkPhoneEntry(db, entry, why.message, options.now()),
    );
  } catch (error) {
    const why = asTeamError(error);
    if (why.sqlState === NO_SUCH_FUNCTION) return { kind: 'unsupported' };
    throw why;
  }
  const fresh = await findTeamLink(db);
  await updateTeamLink(db, { pushed_seq: Math.max(fresh?.pushed_seq ?? 0, highWater), last_push_at: options.now(), last_outcome: 'ok', unreachable_since: null });
  return { kind: 'pushed', rows: entries.length - parked, parked, highWater };
}

/** Pushes every phone row waiting (a join, after the records): batch after batch until none is left. */
export async function pushAllPhone(db: Kysely<Database>, options: PhonePushOptions): Promise<number> {
  let rows = 0;
  for (;;) {
    const outcome = await pushPhoneOnce(db, options);
    if (outcome.kind !== 'pushed') return rows;
    rows += outcome.rows;
    if (outcome.rows + outcome.parked === 0) return rows;
  }
}

/**
 * Reports the desk's queue snapshots that changed since the last report, at
 * most every `everyMs` (the PBX is polled every 15 s; a new snapshot per poll
 * is one small call). Nothing changed: no connection is taken.
 */
export function queueReporter(db: Kysely<Database>, target: PushTarget, options: { now: () => number; everyMs?: number }): () => Promise<void> {
  let lastAt = 0;
  let unsupported = false;
  return async () => {
    if (unsupported || !target.reportQueues || options.now() - lastAt < (options.everyMs ?? 2_000)) return;
    const link = await findTeamLink(db);
    if (!link) return;
    const changed = await unreportedQueueSnapshots(db);
    if (changed.length === 0) return;
    lastAt = options.now();
    try {
      await target.reportQueues(link.instance, options.now(), changed);
    } catch (error) {
      const why = asTeamError(error);
      if (why.sqlState === NO_SUCH_FUNCTION) {
        unsupported = true;
        return;
      }
      throw why;
    }
    await markQueueSnapshotsReported(db, changed);
  };
}
