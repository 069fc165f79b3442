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
  for (const r of records) {
    const id = writer.call({ ...(r.call as Omit<BulkCall, 'import_batch'>), import_batch: null });
    for (const t of r.transfers) writer.transfer(id, t);
    for (const s of r.steps) writer.step(id, s);
    for (const m of r.missReasons) writer.reason(id, { kind: m.kind, idx: m.idx, code: m.code, text: m.text }, m.author, m.at);
    for (const a of r.audit) audit.run({ ...a, call_id: id });
    ids.push(id);
  }
  writer.flush();
  for (const id of ids) unmark.run(id);
  return ids.length;
}
