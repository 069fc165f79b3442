import { findDesk } from '../store/desk';
import type { Store } from '../store/openDb';
import { findTeamLink, requeueAbsent, requeueAll, setIncarnation } from '../store/outbox';
import { pullBackPhone } from '../store/phoneOutbox';
import { pullBackRecords } from '../store/pullBack';
import { localRecordNos } from '../store/calls';
import { TeamServerError } from '../teamStore/errors';
import type { DeskApi } from '../teamStore/deskApi';

/** How long a lease holds without a push or a renewal: a PC that died frees its desk code after this. */
export const LEASE_SECONDS = 60;

/** Records fetched per query when a desk takes its history back. */
const PULL_CHUNK = 500;

export type Comparison =
  /** The desk and the server agree: pushing goes on where it was. */
  | { kind: 'current' }
  /** The server is behind the desk (restored to an older point): the desk queued all its records again. */
  | { kind: 'requeued'; records: number }
  /** The desk was new to the server, or behind it: it took a new incarnation, and back what it lacked. */
  | { kind: 'began'; epoch: number; pulledBack: number; firstTime: boolean };

/**
 * Compares the desk with the server, on joining and at every start. A desk is
 * behind when the server has seen changes it no longer has (its mark is past
 * the last mark the desk saw acknowledged) or another incarnation of it: a
 * restored backup, a reinstall. It then takes a new incarnation (so the server orders its pushes
 * after everything before), raises its day serials to the server's largest per
 * day (so no record number is handed out twice), and takes back its own
 * records the server has and it lacks. A second PC with the same desk code is
 * refused by the lease, before anything changes.
 */
export async function compareWithServer(store: Pick<Store, 'db' | 'sqlite'>, api: DeskApi): Promise<Comparison> {
  const link = await findTeamLink(store.db);
  if (!link) throw new Error('This desk is not linked to a team server.');
  const server = await api.deskRow();
  if (!server) throw new TeamServerError('notADesk', 'this login is not a desk of the team: join with the URL `hotline team add-desk` printed for this desk');
  const desk = await findDesk(store.db);
  if (desk && desk.code !== server.desk_code) {
    throw new TeamServerError('otherDesk', `this database is desk ${desk.code}, but the login is desk ${server.desk_code}`);
  }
  await api.claimLease(link.instance, LEASE_SECONDS);
  const sameIncarnation = link.incarnation !== null && link.incarnation === server.incarnation && link.epoch === server.epoch;
  // The desk notes every mark the server acknowledges (pushed_seq). A server mark beyond it means the
  // server has changes this desk never saw acknowledged: its history went back (a backup restored, even
  // if it has logged since and its own sequence has run past the server's again). Below it, the server
  // lost what it had acknowledged.
  if (sameIncarnation && server.high_water <= link.pushed_seq) {
    if (server.high_water === link.pushed_seq) return { kind: 'current' };
    // The server acknowledged more than it now has: whatever it lost, the desk still has, and sends again.
    const records = store.sqlite.transaction(() => requeueAll(store.sqlite)).immediate();
    return { kind: 'requeued', records };
  }

  const began = await api.beginIncarnation(link.instance);
  const local = new Set(await localRecordNos(store.db, server.desk_code));
  const onServer = (await api.recordMarks()).map((m) => m.record_no);
  const missing = onServer.filter((no) => !local.has(no));
  const records: Awaited<ReturnType<DeskApi['records']>> = [];
  for (let i = 0; i < missing.length; i += PULL_CHUNK) records.push(...(await api.records(missing.slice(i, i + PULL_CHUNK))));
  // The phone facts and missed calls too (issue 15): flat rows, all of this desk's in two queries.
  const phone = await api.phoneRows();
  // One transaction: a crash leaves the old incarnation and nothing pulled, and the next start compares again.
  const pulledBack = store.sqlite
    .transaction(() => {
      setIncarnation(store.sqlite, began.epoch, began.incarnation);
      const pulled = pullBackRecords(store.sqlite, records, began.maxSerials, server.desk_code);
      pullBackPhone(store.sqlite, phone, server.desk_code);
      // And the other way: what the desk has and the server lost goes out again.
      requeueAbsent(store.sqlite, onServer);
      return pulled;
    })
    .immediate();
  return { kind: 'began', epoch: began.epoch, pulledBack, firstTime: server.incarnation === null };
}
