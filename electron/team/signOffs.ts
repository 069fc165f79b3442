import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { findDesk } from '../store/desk';
import { findTeamLink, outboxCounts } from '../store/outbox';
import { keepServerSignOffs, serverSignOffCursor } from '../store/signOffs';
import { TeamServerError } from '../teamStore/errors';
import type { deskSignOffs } from '../teamStore/signOffApi';

/**
 * The desk's side of sign-off on the team server, on the sync loop's 10 s
 * beat: it keeps the sign-offs of its own days in day_signoffs (so their
 * records lock as a local sign-off locks them: a change then needs a reason),
 * and tells the server how many of its records still wait to be pushed when
 * that changed (the lead's sign-off screen lists them; the server cannot
 * know). Nothing here is on a click's path.
 */

type DeskSignOffs = ReturnType<typeof deskSignOffs>;

/** A sign-off committed this much after a later-stamped one is still found (see serverSignOffCursor). */
const PULL_OVERLAP_MS = 5 * 60_000;

/** Keeps the server's sign-offs of this desk's days it does not have yet; returns how many are new. */
export async function pullSignOffs(db: Kysely<Database>, server: DeskSignOffs): Promise<number> {
  const desk = await findDesk(db);
  if (!desk) return 0;
  const fresh = await server.since(await serverSignOffCursor(db, desk.code, PULL_OVERLAP_MS));
  return fresh.length === 0 ? 0 : keepServerSignOffs(db, desk.code, fresh);
}

/** Reports the desk's waiting count when it differs from the last one reported (the first call always reports). */
export function waitingReporter(db: Kysely<Database>, server: DeskSignOffs) {
  let reported: number | null = null;
  return async (): Promise<boolean> => {
    const [link, desk, counts] = await Promise.all([findTeamLink(db), findDesk(db), outboxCounts(db)]);
    if (!link || counts.waiting === reported) return false;
    await server.reportWaiting(link.instance, counts.waiting, desk?.time_zone ?? null);
    reported = counts.waiting;
    return true;
  };
}

/** PostgreSQL's undefined_function: report_waiting is missing on a server whose schema predates migration 0003. */
const UNDEFINED_FUNCTION = '42883';

/**
 * Runs the sign-off steps of the beat; on a server not yet migrated to 0003
 * (no report_waiting) they do nothing, and pushing goes on: the server's IT
 * runs `hotline team init` when it updates.
 */
export async function onServerWithSignOff(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TeamServerError && error.sqlState === UNDEFINED_FUNCTION) return 0;
    throw error;
  }
}
