import type { Store } from '../store/openDb';
import { findTeamLink } from '../store/outbox';
import { compareWithServer, LEASE_SECONDS } from './compare';
import { connectTeam } from '../teamStore/connect';
import { runPusher, type PushOutcome, type PushPacing } from './pusher';
import { queueReporter } from './phonePusher';
import { deskApi } from '../teamStore/deskApi';
import { deskInbox } from '../teamStore/inboxApi';
import { fetchInbox, reportInbox } from './inbox';
import { deskSignOffs } from '../teamStore/signOffApi';
import { onServerWithSignOff, pullSignOffs, waitingReporter } from './signOffs';
import { pullAuthored } from './authored';
import { teamAuthored } from '../teamStore/authoredApi';
import { TeamServerError } from '../teamStore/errors';
import { describeError, log } from '../log';
import { findDesk } from '../store/desk';
import { actAsDesk } from './deskLogin';

export interface TeamSyncOptions {
  /** The desk's URL (its own login): never logged, never shown. */
  url: string;
  appVersion: string;
  signal: AbortSignal;
  onOutcome?: (outcome: PushOutcome) => void;
  /** New entries from the team inbox were kept locally: the request path applies them (team/inbox.ts). */
  onInboxEntries?: (count: number) => void;
  /** Sign-offs of this desk's days were kept from the server: its records of those days now change only with a reason. */
  onSignOffs?: (count: number) => void;
  /** The team's policy versions or profiles changed this desk (a pulled version, a new or renamed profile). */
  onAuthoredPulled?: (pulled: { policyVersions: number; profiles: number }) => void;
  /** How often the inbox, the sign-offs and the team's policy and profiles are looked at, and the waiting count reported if it changed (default 10 s: a lead sees "pending at desk B" that long at most, on a desk that is up). */
  inboxEveryMs?: number;
  pacing?: PushPacing;
  /** Connection and statement time-outs, ms (defaults: 10 s and 30 s). */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Records per push (default PUSH_BATCH); smaller batches make more, shorter server transactions. */
  batchSize?: number;
}

/**
 * The inbox is looked at this often by default: a lead's change reaches a desk
 * within about this long. Not on every round: an idle desk then holds no
 * connection between looks (connect.ts gives it back after 2 s), which is what
 * lets hundreds of desks share one server.
 */
const INBOX_EVERY_MS = 10_000;

/**
 * The team's policy and profiles, on the inbox's beat. A server that cannot be
 * reached fails the round like any other; a version or profile this desk cannot
 * take (a policy a newer app wrote) is logged and tried again next time, and
 * never stops the pushes.
 */
async function pullTeamAuthored(store: Pick<Store, 'db'>, authored: ReturnType<typeof teamAuthored>, options: TeamSyncOptions): Promise<void> {
  try {
    const pulled = await pullAuthored(store.db, authored);
    if (pulled.policyVersions > 0 || pulled.profiles > 0) options.onAuthoredPulled?.(pulled);
  } catch (error) {
    if (error instanceof TeamServerError) throw error;
    log.warn(`team server: the team's policy or profiles could not be taken here: ${error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : describeError(error)}`);
  }
}

/** The lease is renewed well before it ends: a third of its length. */
const RENEW_MS = (LEASE_SECONDS * 1000) / 3;

/**
 * Keeps the desk in step with the team server until `signal` aborts: compares
 * it with the server first (and again after the server calls its incarnation
 * stale), holds its lease, and pushes what waits. Runs in the bulk worker, on
 * the worker's own SQLite connection and one PostgreSQL connection: nothing of
 * it is on a click's path, and a dead server only backs it off.
 */
export async function syncWithTeam(store: Pick<Store, 'db' | 'sqlite'>, options: TeamSyncOptions): Promise<void> {
  const conn = connectTeam(options.url, {
    kind: 'desk',
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.statementTimeoutMs !== undefined ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    // An idle connection lost is reported by the next round's failure; nothing to do here.
    onIdleError: () => undefined,
  });
  const api = deskApi(conn);
  const inbox = deskInbox(conn);
  const signOffs = deskSignOffs(conn);
  const reportWaiting = waitingReporter(store.db, signOffs);
  const authored = teamAuthored(conn);
  // The live queues for the team board: a changed snapshot goes within about 2 s.
  const reportQueues = queueReporter(store.db, api, { now: Date.now });
  let compared = false;
  let asDesk = false;
  let leaseAt = 0;
  let inboxAt = 0;
  try {
    await runPusher(store.db, {
      target: api,
      appVersion: options.appVersion,
      now: Date.now,
      signal: options.signal,
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      before: async () => {
        if (!asDesk) {
          // A lead's or admin's URL joined on the lead's own desk pushes as that desk's login role.
          const desk = await findDesk(store.db);
          if (desk) await actAsDesk(conn, desk.code);
          asDesk = true;
        }
        if (!compared) {
          await compareWithServer(store, api);
          compared = true;
          leaseAt = Date.now();
        } else if (Date.now() - leaseAt > RENEW_MS) {
          const link = await findTeamLink(store.db);
          if (link) await api.claimLease(link.instance, LEASE_SECONDS);
          leaseAt = Date.now();
        }
        await reportQueues();
        if (Date.now() - inboxAt >= (options.inboxEveryMs ?? INBOX_EVERY_MS)) {
          await reportInbox(store.db, inbox);
          const fresh = await fetchInbox(store.db, inbox);
          // On the same beat: the sign-offs of this desk's days, and its waiting count when it changed.
          const signed = await onServerWithSignOff(async () => {
            const kept = await pullSignOffs(store.db, signOffs);
            await reportWaiting();
            return kept;
          });
          inboxAt = Date.now();
          if (fresh > 0) options.onInboxEntries?.(fresh);
          if (signed > 0) options.onSignOffs?.(signed);
          await pullTeamAuthored(store, authored, options);
        }
      },
      onOutcome: (outcome) => {
        // A stale incarnation (this desk's history went back while it ran): compare again first.
        if (outcome.kind === 'refused' && outcome.reason === 'staleIncarnation') compared = false;
        options.onOutcome?.(outcome);
      },
    });
  } finally {
    await conn.close();
  }
}
