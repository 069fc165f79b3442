import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { clearPushed, findTeamLink, parkEntry, snapshotsOf, unparkChanged, updateTeamLink, waitingEntries, type OutboxEntry } from '../store/outbox';
import { inWriteTransaction } from '../store/writeTransaction';
import type { PushBatch, PushTarget } from '../teamStore/deskApi';
import { deskPushRows } from '../teamStore/pushRows';
import { TeamServerError, type TeamErrorKind } from '../teamStore/errors';
import { PHONE_BATCH, pushAllPhone, pushPhoneOnce } from './phonePusher';
import { asTeamError, refusesTheRows, sendHalvingOnRefusal } from './halvingPush';

export type { PushBatch, PushTarget } from '../teamStore/deskApi';

/** What one round of the pusher came to, for its loop and the status line. */
export type PushOutcome =
  /** Nothing waits. */
  | { kind: 'idle' }
  /** The desk is not linked, or not yet compared with the server (no incarnation). */
  | { kind: 'notReady' }
  | { kind: 'pushed'; records: number; parked: number; highWater: number; /** Phone facts and missed calls pushed in the same round (phonePusher.ts). */ phoneRows?: number }
  /** The network or the server is down, or too slow: retried with back-off. */
  | { kind: 'unreachable'; message: string }
  /** The server refuses this desk as it is (another PC holds its lease, an app out of range, a stale incarnation, a wrong login): pushing waits until that changes. */
  | { kind: 'refused'; reason: TeamErrorKind; message: string };

/** Records per push: one transaction on the server, well under its statement time-out. */
export const PUSH_BATCH = 500;

/** The entries' records in both forms a push may take: rows now, snapshots only if the server asks for them. */
async function recordsOf(db: Kysely<Database>, entries: readonly OutboxEntry[]): Promise<Pick<PushBatch, 'rows' | 'snapshots'>> {
  return { rows: await deskPushRows(db, entries), snapshots: () => snapshotsOf(db, entries) };
}

/** Errors that say nothing about the records: the whole push is retried later. */
const TRANSIENT: ReadonlySet<TeamErrorKind> = new Set(['unreachable', 'timeout']);
/** Errors about the desk, not a record: no record is parked for them. */
const DESK_REFUSALS: ReadonlySet<TeamErrorKind> = new Set(['staleIncarnation', 'leaseHeld', 'appVersion', 'authentication', 'notADesk', 'otherDesk']);


export interface PusherOptions {
  target: PushTarget;
  appVersion: string;
  now: () => number;
  batchSize?: number;
}

/**
 * One round: the oldest waiting records, as whole snapshots, in one push. On
 * success their entries leave the queue (unless changed again meanwhile) and
 * the link notes the push. A record the server refuses for good (its data,
 * not the desk or the network) is found by halving the batch and parked, so
 * that the queue goes on without it; the desk shows it.
 */
export async function pushOnce(db: Kysely<Database>, options: PusherOptions): Promise<PushOutcome> {
  const link = await findTeamLink(db);
  if (!link || link.incarnation === null) return { kind: 'notReady' };
  await unparkChanged(db);
  const entries = await waitingEntries(db, options.batchSize ?? PUSH_BATCH);
  if (entries.length === 0) return { kind: 'idle' };
  const identity = { epoch: link.epoch, incarnation: link.incarnation, instance: link.instance, appVersion: options.appVersion };
  let highWater = link.pushed_seq;

  let parked: number;
  try {
    parked = await sendHalvingOnRefusal(
      entries,
      async (part) => {
        highWater = await options.target.push({ ...identity, deskClock: options.now(), ...(await recordsOf(db, part)) });
        await inWriteTransaction(db, (trx) => clearPushed(trx, part));
      },
      (entry, why) => parkEntry(db, entry, why.message, options.now()),
      // The network's and the desk's own refusals are never a record's fault: they go up, and nothing parks.
      (why) => !TRANSIENT.has(why.kind) && !DESK_REFUSALS.has(why.kind) && refusesTheRows(why),
    );
  } catch (error) {
    const why = error as TeamServerError;
    const at = options.now();
    await updateTeamLink(db, { last_outcome: why.kind, unreachable_since: TRANSIENT.has(why.kind) ? (link.unreachable_since ?? at) : link.unreachable_since });
    return TRANSIENT.has(why.kind) ? { kind: 'unreachable', message: why.message } : { kind: 'refused', reason: why.kind, message: why.message };
  }
  await updateTeamLink(db, { pushed_seq: Math.max(link.pushed_seq, highWater), last_push_at: options.now(), last_outcome: 'ok', unreachable_since: null });
  return { kind: 'pushed', records: entries.length - parked, parked, highWater };
}

/**
 * Pushes every waiting record, batch after batch, reading each next batch's
 * snapshots from SQLite while the server stores the current one (a catch-up
 * of 100,000 records spends about as long reading as the server storing).
 * `onPushed` hears of each batch the server took. At the first failure it
 * hands over to pushOnce, whose halving parks a refused record and whose
 * outcome says why the queue stopped; the batch read ahead is dropped (its
 * entries are still waiting). Returns the last round's outcome: idle once the
 * queue is empty.
 */
export async function pushAllWaiting(db: Kysely<Database>, options: PusherOptions, onPushed?: (records: number) => void): Promise<PushOutcome> {
  const link = await findTeamLink(db);
  if (!link || link.incarnation === null) return { kind: 'notReady' };
  await unparkChanged(db);
  const size = options.batchSize ?? PUSH_BATCH;
  const identity = { epoch: link.epoch, incarnation: link.incarnation, instance: link.instance, appVersion: options.appVersion };
  /** The oldest waiting entries not being pushed now, and their snapshots. */
  const readBatch = async (inFlight: ReadonlySet<number>) => {
    const entries = (await waitingEntries(db, size + inFlight.size)).filter((e) => !inFlight.has(e.call_id)).slice(0, size);
    return { entries, records: await recordsOf(db, entries) };
  };
  let pushedSeq = link.pushed_seq;
  let next = readBatch(new Set());
  for (;;) {
    const batch = await next;
    if (batch.entries.length === 0) {
      // Then the phone rows. A failure here is the sync loop's to report and retry: the records are in.
      await pushAllPhone(db, options).catch(() => undefined);
      return { kind: 'idle' };
    }
    const sending = options.target.push({ ...identity, deskClock: options.now(), ...batch.records });
    // Read ahead while the server works; a failure of the read shows when it is awaited.
    next = readBatch(new Set(batch.entries.map((e) => e.call_id)));
    next.catch(() => undefined);
    let highWater: number;
    try {
      highWater = await sending;
    } catch {
      // The careful path from here: pushOnce retries the oldest batch, parks what the server refuses for good, and says why it stopped.
      await next.catch(() => undefined);
      return pushOnce(db, options);
    }
    pushedSeq = Math.max(pushedSeq, highWater);
    // One commit per batch for both: a catch-up makes 200 of them.
    await inWriteTransaction(db, async (trx) => {
      await clearPushed(trx, batch.entries);
      await updateTeamLink(trx, { pushed_seq: pushedSeq, last_push_at: options.now(), last_outcome: 'ok', unreachable_since: null });
    });
    onPushed?.(batch.entries.length);
  }
}

/** How long the loop waits before the next round, after each kind of outcome. */
export interface PushPacing {
  /** Nothing waited: look again soon (a click shows on the team board within 2 s). */
  idleMs: number;
  /** The first retry after a failure; doubled each time, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_PACING: PushPacing = { idleMs: 250, backoffMs: 1_000, maxBackoffMs: 30_000 };

/**
 * The pusher's loop, until `signal` aborts: a full batch is followed at once by
 * the next, an empty queue is looked at again after idleMs, and a failure
 * backs off (doubling, capped) so that a dead server costs the desk nothing.
 * `before` runs before each round (the lease, comparing with the server);
 * `onOutcome` tells the status line.
 */
export async function runPusher(
  db: Kysely<Database>,
  options: PusherOptions & { signal: AbortSignal; pacing?: PushPacing; before?: () => Promise<void>; onOutcome?: (outcome: PushOutcome) => void },
): Promise<void> {
  const pacing = options.pacing ?? DEFAULT_PACING;
  let backoff = pacing.backoffMs;
  while (!options.signal.aborted) {
    let outcome: PushOutcome;
    try {
      await options.before?.();
      outcome = await pushOnce(db, options);
      // The phone rows go after the records of the round (older than any record still waiting).
      if (outcome.kind === 'idle' || outcome.kind === 'pushed') {
        const phone = await pushPhoneOnce(db, options);
        if (phone.kind === 'pushed') {
          const records = outcome.kind === 'pushed' ? outcome : { records: 0, parked: 0, highWater: phone.highWater };
          outcome = { kind: 'pushed', records: records.records, parked: records.parked + phone.parked, highWater: Math.max(records.highWater, phone.highWater), phoneRows: phone.rows };
        }
      }
    } catch (error) {
      const why = asTeamError(error);
      outcome = TRANSIENT.has(why.kind) ? { kind: 'unreachable', message: why.message } : { kind: 'refused', reason: why.kind, message: why.message };
      const at = options.now();
      const link = await findTeamLink(db);
      if (link) await updateTeamLink(db, { last_outcome: why.kind, unreachable_since: TRANSIENT.has(why.kind) ? (link.unreachable_since ?? at) : link.unreachable_since });
    }
    options.onOutcome?.(outcome);
    let wait: number;
    if (outcome.kind === 'pushed') {
      backoff = pacing.backoffMs;
      const fullBatch = outcome.records + outcome.parked >= (options.batchSize ?? PUSH_BATCH) || (outcome.phoneRows ?? 0) >= PHONE_BATCH;
      wait = fullBatch ? 0 : pacing.idleMs;
    } else if (outcome.kind === 'idle' || outcome.kind === 'notReady') {
      backoff = pacing.backoffMs;
      wait = pacing.idleMs;
    } else {
      wait = backoff;
      backoff = Math.min(backoff * 2, pacing.maxBackoffMs);
    }
    if (wait > 0) await sleep(wait, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
