import { randomUUID } from 'node:crypto';
import { findDesk } from '../store/desk';
import type { Store } from '../store/openDb';
import { findTeamLink, linkTeam, outboxCounts, unlinkTeam } from '../store/outbox';
import { compareWithServer, type Comparison } from './compare';
import { connectTeam } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { pushAllWaiting } from './pusher';
import { deskApi } from '../teamStore/deskApi';
import { actAsDesk } from './deskLogin';
import { describeError, log } from '../log';

export interface JoinReport {
  deskCode: string;
  comparison: Comparison;
  /** Records pushed by the join itself; the rest (if the server went away meanwhile) go with the pusher. */
  pushed: number;
  waiting: number;
  /** Whose login pushes: the desk's own, or a lead's or admin's granted this desk (it also reads team scope). */
  login: 'desk' | 'lead' | 'admin';
}

/**
 * Links a set-up desk to the team with its desk URL: checks the login is this
 * desk's, queues every record the desk has of its own, compares with the
 * server (a reinstalled desk takes its history back), and pushes the queue
 * with progress. The URL is the caller's to keep (the settings file, or the
 * desktop's safeStorage), never the database's.
 */
export async function joinTeam(
  store: Pick<Store, 'db' | 'sqlite'>,
  url: string,
  options: { appVersion: string; now?: () => number; onProgress?: (pushed: number, total: number) => void; instance?: string },
): Promise<JoinReport> {
  const now = options.now ?? Date.now;
  const desk = await findDesk(store.db);
  if (!desk) throw new TeamServerError('notADesk', 'set this desk up first (hotline setup), then join the team');
  if (await findTeamLink(store.db)) throw new TeamServerError('server', 'this desk is linked already: `hotline team leave` first to link it again');
  const conn = connectTeam(url, { kind: 'desk' });
  try {
    const login = (await actAsDesk(conn, desk.code)) ?? 'desk';
    const api = deskApi(conn);
    const server = await api.deskRow();
    if (!server) throw new TeamServerError('notADesk', 'this URL is not a desk\'s login: give the URL `hotline team add-desk` printed for this desk');
    if (server.desk_code !== desk.code) throw new TeamServerError('otherDesk', `this database is desk ${desk.code}, but the URL is desk ${server.desk_code}'s`);
    // The link says whose login pushes (team status shows it): the desk's own, or a lead's or admin's granted it.
    const role = login === 'lead' ? 'team_lead' : login;
    store.sqlite.transaction(() => linkTeam(store.sqlite, { role, instance: options.instance ?? randomUUID(), linkedAt: now() })).immediate();
    let comparison: Comparison;
    try {
      comparison = await compareWithServer(store, api);
    } catch (error) {
      // A desk refused by the lease (another PC has this desk code) is not left linked.
      store.sqlite.transaction(() => unlinkTeam(store.sqlite)).immediate();
      throw error;
    }
    const total = (await outboxCounts(store.db)).waiting;
    let pushed = 0;
    options.onProgress?.(0, total);
    for (;;) {
      const outcome = await pushAllWaiting(store.db, { target: api, appVersion: options.appVersion, now }, (records) => {
        pushed += records;
        options.onProgress?.(pushed, total);
      });
      if (outcome.kind === 'pushed') {
        // A batch got through the careful path (a refused record parked): go on with the rest.
        pushed += outcome.records;
        options.onProgress?.(pushed, total);
        continue;
      }
      if (outcome.kind === 'unreachable' || outcome.kind === 'refused') throw new TeamServerError(outcome.kind === 'unreachable' ? 'unreachable' : outcome.reason, outcome.message);
      break;
    }
    return { deskCode: desk.code, comparison, pushed, waiting: (await outboxCounts(store.db)).waiting, login };
  } finally {
    await conn.close();
  }
}

/** Unlinks the desk: its queue goes, every record stays. */
export function leaveTeam(store: Pick<Store, 'sqlite'>): void {
  store.sqlite.transaction(() => unlinkTeam(store.sqlite)).immediate();
}

/**
 * Gives this desk's lease back before it leaves, so that a join within the
 * lease's 60 s (this PC again, or another) is not refused as "in use on
 * another computer". Says whether it did: a server that cannot be reached,
 * or one without migration 0006, leaves the lease to run out by itself.
 */
export async function releaseLease(store: Pick<Store, 'db'>, url: string): Promise<boolean> {
  const [desk, link] = [await findDesk(store.db), await findTeamLink(store.db)];
  if (!desk || !link) return false;
  const conn = connectTeam(url, { kind: 'desk', connectTimeoutMs: 5_000, statementTimeoutMs: 5_000 });
  try {
    await actAsDesk(conn, desk.code);
    return await deskApi(conn).releaseLease(link.instance);
  } catch (error) {
    log.warn(`team server: the lease was not released (it runs out by itself): ${error instanceof TeamServerError ? error.kind : describeError(error)}`);
    return false;
  } finally {
    await conn.close();
  }
}
