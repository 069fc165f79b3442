import type { TeamInboxEntryView, TeamRecordView } from '../../shared/api/team';
import { toCallRecord } from '../records/callView';
import type { CallRow } from '../store/schema';
import type { InboxEntry } from '../teamStore/inboxApi';
import type { TeamRecordOnServer } from '../teamStore/teamRecordSql';

/**
 * Another desk's record from the team server, shaped as this desk's record
 * panel reads its own (the same toCallRecord): no local id (0), and no policy
 * id, since the owning desk's policy ids mean nothing on this desk; the
 * record's stored due times were judged there, its targets are shown here by
 * this desk's current policy (the team's, while linked).
 */
export function teamRecordView(onServer: TeamRecordOnServer & { inbox: InboxEntry[] }): TeamRecordView {
  const { call, transfers, steps, missReasons, audit } = onServer.snapshot;
  const row: CallRow = { ...call, id: 0, import_batch: null, policy_id: null, agent_id: null };
  const record = toCallRecord(
    row,
    transfers.map((t, i) => ({ ...t, id: i + 1, call_id: 0 })),
    steps.map((s, i) => ({ ...s, id: i + 1, call_id: 0 })),
    missReasons.map((m, i) => ({ ...m, id: i + 1, call_id: 0 })),
  );
  return {
    record,
    audit: audit.map((a) => ({ field: a.field, oldValue: a.old_value, newValue: a.new_value, actor: a.actor, at: a.at, reason: a.reason })),
    changedAfterSignOff: onServer.changedAfterSignOff,
    inbox: onServer.inbox.map(inboxEntryView),
  };
}

/** An inbox entry as the lead's panel says it: pending at the desk, applied, or refused with the desk's why. */
export function inboxEntryView(e: InboxEntry): TeamInboxEntryView {
  const field = (name: string) => (typeof e.payload[name] === 'string' ? (e.payload[name] as string) : null);
  return {
    id: e.id,
    method: e.kind,
    kind: field('kind') ?? field('moment'),
    index: typeof e.payload.index === 'number' ? e.payload.index : null,
    code: field('code'),
    text: field('text') ?? field('outcome'),
    createdBy: e.created_by,
    createdAt: e.created_at,
    state: e.refusal !== null ? 'refused' : e.applied_at !== null ? 'applied' : 'pending',
    refusal: e.refusal,
    settledAt: e.applied_at,
  };
}
