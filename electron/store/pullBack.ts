import type BetterSqlite3 from 'better-sqlite3';
import { BulkCallWriter, serialRaiser, type BulkCall } from './bulkCalls';
import type { RecordSnapshot } from './outbox';

/**
 * A desk whose history went backwards (a restored backup, a reinstall) takes
 * back from the team server what the server has and it lacks: its own
 * records, whole, and the day serials the server has seen. Inside one write
 * transaction: the records go in through the one bulk insert, as they were
 * pushed, and leave no mark in the outbox (the server already has them).
 */
export function pullBackRecords(sqlite: BetterSqlite3.Database, records: ReadonlyArray<Omit<RecordSnapshot, 'seq'>>, maxSerials: Readonly<Record<string, number>>, deskCode: string): number {
  const writer = new BulkCallWriter(sqlite);
  const raise = serialRaiser(sqlite);
  for (const [date, serial] of Object.entries(maxSerials)) raise(deskCode, date, serial);
  // An audit row keeps its id when the id is free; one this desk has meanwhile given to another row
  // (a click between the restore and this) gets a new id, so neither is lost here. The server knows an
  // audit row by its id and its content (team migration 0004): such a row, pushed again, is stored a
  // second time under its new id rather than dropped.
  const audit = sqlite.prepare(
    `INSERT INTO audit_log (id, call_id, field, old_value, new_value, actor, actor_id, at, reason)
     VALUES (CASE WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = @id) THEN NULL ELSE @id END, @call_id, @field, @old_value, @new_value, @actor, @actor_id, @at, @reason)`,
  );
  const unmark = sqlite.prepare('DELETE FROM outbox WHERE call_id = ?');
  const ids: number[] = [];
  const localIds = localIdsOf(sqlite);
  for (const r of records) {
    const call = r.call as Omit<BulkCall, 'import_batch'>;
    const id = writer.call({ ...call, ...localIds(call), import_batch: null });
    for (const t of r.transfers) writer.transfer(id, t);
    for (const s of r.steps) writer.step(id, s);
    for (const m of r.missReasons) writer.reason(id, { kind: m.kind, idx: m.idx, code: m.code, text: m.text }, m.author, m.at);
    for (const a of r.audit) audit.run({ ...a, call_id: id, actor_id: localIds.profile(a.actor_id, a.actor) });
    ids.push(id);
  }
  writer.flush();
  for (const id of ids) unmark.run(id);
  return ids.length;
}

/**
 * The snapshot carries the pushing install's own ids of the profile and the
 * policy version. A restored backup has the same ones; a fresh install with the
 * same desk code (a reinstall, a second PC) has others, or none. An id is kept
 * only where this desk has it for the same profile (by name) — else the record
 * keeps its agent's name without an id — and a policy version only where this
 * desk has it; otherwise the version this desk has in force at the call's time
 * judges it (the team's, while linked).
 */
function localIdsOf(sqlite: BetterSqlite3.Database) {
  const userName = sqlite.prepare<[number], { name: string }>('SELECT name FROM users WHERE id = ?');
  const policyExists = sqlite.prepare<[number], { id: number }>('SELECT id FROM policies WHERE id = ?');
  const policyInForce = sqlite.prepare<[number], { id: number }>('SELECT id FROM policies WHERE effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1');
  const profile = (id: number | null, name: string): number | null => (id !== null && userName.get(id)?.name === name ? id : null);
  const ids = (call: Omit<BulkCall, 'import_batch'>) => ({
    agent_id: profile(call.agent_id, call.agent),
    policy_id: call.policy_id !== null && policyExists.get(call.policy_id) ? call.policy_id : (policyInForce.get(call.call_at)?.id ?? null),
  });
  return Object.assign(ids, { profile });
}
