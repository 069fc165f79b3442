import { randomUUID } from 'node:crypto';
import { findDesk } from '../store/desk';
import type { Store } from '../store/openDb';
import { findTeamLink, linkTeam, outboxCounts, unlinkTeam } from '../store/outbox';
import { compareWithServer, type Comparison } from './compare';
import { connectTeam } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { pushAllWaiting } from './pusher';
import { deskApi } from '../teamStore/deskApi';

export interface JoinReport {
  deskCode: string;
  comparison: Comparison;
  /** Records pushed by the join itself; the rest (if the server went away meanwhile) go with the pusher. */
  pushed: number;
  waiting: number;
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
    const api = deskApi(conn);
    const server = await api.deskRow();
    if (!server) throw new TeamServerError('notADesk', 'this URL is not a desk\'s login: give the URL `hotline team add-desk` printed for this desk');
    if (server.desk_code !== desk.code) throw new TeamServerError('otherDesk', `this database is desk ${desk.code}, but the URL is desk ${server.desk_code}'s`);
    store.sqlite.transaction(() => linkTeam(store.sqlite, { role: 'desk', instance: options.instance ?? randomUUID(), linkedAt: now() })).immediate();
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
    return { deskCode: desk.code, comparison, pushed, waiting: (await outboxCounts(store.db)).waiting };
  } finally {
    await conn.close();
  }
}

/** Unlinks the desk: its queue goes, every record stays. */
export function leaveTeam(store: Pick<Store, 'sqlite'>): void {
  store.sqlite.transaction(() => unlinkTeam(store.sqlite)).immediate();
}
