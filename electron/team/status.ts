import type { Kysely } from 'kysely';
import type { TeamStatus } from '../../shared/api/team';
import type { Database } from '../store/schema';
import { findTeamLink, outboxCounts, parkedEntries } from '../store/outbox';
import { phoneOutboxCounts } from '../store/phoneOutbox';

/**
 * What the desk knows of its link, for `hotline team status` and the desk's
 * status line: whether it is linked, how many changes wait, the last push and
 * its outcome, since when the server is unreachable, and the parked entries.
 */
export async function teamStatusOf(db: Kysely<Database>): Promise<TeamStatus> {
  const link = await findTeamLink(db);
  if (!link) return { linked: false };
  const [counts, phone, parked] = await Promise.all([outboxCounts(db), phoneOutboxCounts(db), parkedEntries(db)]);
  return {
    linked: true,
    role: link.role,
    epoch: link.epoch,
    // The phone facts and missed calls waiting are changes waiting too (a server before migration 0007 keeps them waiting).
    waiting: counts.waiting + phone.waiting,
    lastPushAt: link.last_push_at,
    lastOutcome: link.last_outcome,
    unreachableSince: link.unreachable_since,
    serverPolicyVersion: link.server_policy_version,
    parked: parked.map((p) => ({ callId: p.call_id, recordNo: p.record_no, at: p.parked_at, reason: p.reason })),
  };
}
