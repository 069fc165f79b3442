import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, MissedCallRow, PhoneCallRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The phone rows' outbox (migration 0015), beside the records' (outbox.ts):
 * triggers mark each change of a phone_calls row and of the desk's own
 * missed_calls rows with the desk's one change sequence; these are the rest:
 * queuing every phone row (linking, a server found behind), reading the queue
 * and the snapshots push_phone takes, clearing what the server acknowledged,
 * parking what it refused for good, and the queue snapshots for the board.
 */

export interface PhoneOutboxEntry {
  kind: 'call' | 'missed';
  row_id: number;
  seq: number;
}

/** A phone call as the server takes it: the desk's columns, its local ids as the record's and missed call's numbers. */
export type PhoneCallSnapshot = Omit<PhoneCallRow, 'id' | 'call_record_id' | 'missed_call_id'> & { seq: number; record_no: string | null; missed_no: string | null };
/** A missed call as the server takes it (its local id and policy id mean nothing there). */
export type MissedCallSnapshot = Omit<MissedCallRow, 'id' | 'policy_id'> & { seq: number };

/**
 * Queues every phone row the desk has (its own missed calls only), each with
 * the next sequence: linking, or the server lost what it had acknowledged.
 * Inside a write transaction, on the raw connection.
 */
export function requeueAllPhone(sqlite: BetterSqlite3.Database): number {
  let marked = 0;
  for (const [kind, from] of [
    ['call', 'phone_calls WHERE true'],
    ['missed', "missed_calls WHERE desk_code = (SELECT code FROM desk)"],
  ] as const) {
    // SQLite-only: row_number over the ids gives consecutive sequences in one statement.
    const n = sqlite
      .prepare(
        `INSERT INTO phone_outbox (kind, row_id, seq)
         SELECT '${kind}', id, (SELECT last_seq FROM team_link) + row_number() OVER (ORDER BY id) FROM ${from}
         ON CONFLICT (kind, row_id) DO UPDATE SET seq = excluded.seq`,
      )
      .run().changes;
    if (n > 0) sqlite.prepare('UPDATE team_link SET last_seq = last_seq + ?').run(n);
    marked += n;
  }
  return marked;
}

/** Unlinking: the phone queue and the reported flags go; every phone row stays. Inside a write transaction. */
export function unlinkPhone(sqlite: BetterSqlite3.Database): void {
  sqlite.prepare('DELETE FROM phone_outbox').run();
  sqlite.prepare('DELETE FROM phone_outbox_parked').run();
  sqlite.prepare('UPDATE queue_snapshots SET reported = 0').run();
}

/**
 * The oldest `limit` phone entries waiting, parked ones left out, and only
 * those older than `belowSeq` (the oldest record still waiting): the desk's
 * high-water mark on the server then never passes a record not yet pushed,
 * which a sign-off's covered mark relies on.
 *
 * A missed call goes no earlier than its call's waiting phone facts, right
 * after them: the server takes a desk's missed call only of a call it has that
 * desk's facts of (migration 0007). Logging a missed call marks it before the
 * call's row (linked to it just after), so in seq order a batch's end, or a
 * refused batch's halving, could otherwise send the missed call alone.
 */
export async function waitingPhoneEntries(db: Db, limit: number, belowSeq: number | null): Promise<PhoneOutboxEntry[]> {
  const notParked = (alias: string) => sql.raw(`NOT EXISTS (SELECT 1 FROM phone_outbox_parked p WHERE p.kind = ${alias}.kind AND p.row_id = ${alias}.row_id)`);
  const { rows } = await sql<PhoneOutboxEntry>`
    SELECT kind, row_id, seq FROM (
      SELECT o.kind, o.row_id, o.seq, max(o.seq, coalesce(c.seq, 0)) AS goes_at
        FROM phone_outbox o
        LEFT JOIN missed_calls m ON o.kind = 'missed' AND m.id = o.row_id
        LEFT JOIN phone_calls pc ON pc.pbx = m.pbx AND pc.call_id = m.call_id
        LEFT JOIN phone_outbox c ON c.kind = 'call' AND c.row_id = pc.id AND ${notParked('c')}
       WHERE ${notParked('o')}
    )
    WHERE ${belowSeq === null ? sql`true` : sql`goes_at < ${belowSeq}`}
    -- At the same place the call goes first ('call' < 'missed').
    ORDER BY goes_at, kind, seq
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** The seq of the oldest record waiting (not parked), or null when none waits. */
export async function oldestWaitingRecordSeq(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<number>('seq').as('seq'))
    .where('call_id', 'not in', (eb) => eb.selectFrom('outbox_parked').select('call_id'))
    .executeTakeFirst();
  return row?.seq ?? null;
}

export async function phoneOutboxCounts(db: Db): Promise<{ waiting: number; parked: number }> {
  const [waiting, parked] = await Promise.all([
    db.selectFrom('phone_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('phone_outbox_parked').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { waiting: Number(waiting.n), parked: Number(parked.n) };
}

/** The snapshots of the entries' rows, in the entries' order: two reads per batch. */
export async function phoneSnapshotsOf(db: Db, entries: readonly PhoneOutboxEntry[]): Promise<{ calls: PhoneCallSnapshot[]; missed: MissedCallSnapshot[] }> {
  const callIds = entries.filter((e) => e.kind === 'call').map((e) => e.row_id);
  const missedIds = entries.filter((e) => e.kind === 'missed').map((e) => e.row_id);
  const [calls, missed] = await Promise.all([
    callIds.length === 0
      ? []
      : db
          .selectFrom('phone_calls as p')
          .leftJoin('calls as c', 'c.id', 'p.call_record_id')
          .leftJoin('missed_calls as m', 'm.id', 'p.missed_call_id')
          .selectAll('p')
          .select(['c.record_no as record_no', 'm.missed_no as missed_no'])
          .where('p.id', 'in', callIds)
          .execute(),
    missedIds.length === 0 ? [] : db.selectFrom('missed_calls').selectAll().where('id', 'in', missedIds).execute(),
  ]);
  const callById = new Map(calls.map((c) => [c.id, c]));
  const missedById = new Map(missed.map((m) => [m.id, m]));
  const out = { calls: [] as PhoneCallSnapshot[], missed: [] as MissedCallSnapshot[] };
  for (const e of entries) {
    if (e.kind === 'call') {
      const row = callById.get(e.row_id);
      if (!row) continue;
      const { id: _id, call_record_id: _record, missed_call_id: _missed, ...facts } = row;
      out.calls.push({ ...facts, seq: e.seq });
    } else {
      const row = missedById.get(e.row_id);
      if (!row) continue;
      const { id: _id, policy_id: _policy, ...facts } = row;
      out.missed.push({ ...facts, seq: e.seq });
    }
  }
  return out;
}

/** Takes the acknowledged entries off the queue, each only if its row did not change again meanwhile. */
export async function clearPushedPhone(db: Db, entries: readonly PhoneOutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const triples = JSON.stringify(entries.map((e) => [e.kind, e.row_id, e.seq]));
  await sql`DELETE FROM phone_outbox WHERE (kind, row_id, seq) IN (SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${triples}) AS j)`.execute(db);
}

export async function parkPhoneEntry(db: Db, entry: PhoneOutboxEntry, reason: string, at: number): Promise<void> {
  await db
    .insertInto('phone_outbox_parked')
    .values({ kind: entry.kind, row_id: entry.row_id, seq: entry.seq, parked_at: at, reason })
    .onConflict((oc) => oc.columns(['kind', 'row_id']).doUpdateSet({ seq: entry.seq, parked_at: at, reason }))
    .execute();
}

/** A parked phone row that changed since is tried again. */
export async function unparkChangedPhone(db: Db): Promise<void> {
  await db
    .deleteFrom('phone_outbox_parked')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('phone_outbox')
          .select('phone_outbox.row_id')
          .whereRef('phone_outbox.kind', '=', 'phone_outbox_parked.kind')
          .whereRef('phone_outbox.row_id', '=', 'phone_outbox_parked.row_id')
          .whereRef('phone_outbox.seq', '>', 'phone_outbox_parked.seq'),
      ),
    )
    .execute();
}

/** A queue's live state as the desk last saw it. */
export interface QueueSnapshotRow {
  pbx: string;
  queue: string;
  waiting: number;
  longest_wait_sec: number;
  available: number | null;
  at: number;
}

/** Keeps the newest snapshot of a queue (an older one arriving late changes nothing), to be reported. */
export async function saveQueueSnapshot(db: Db, snapshot: QueueSnapshotRow): Promise<void> {
  await db
    .insertInto('queue_snapshots')
    .values({ ...snapshot, reported: 0 })
    .onConflict((oc) =>
      oc
        .columns(['pbx', 'queue'])
        .doUpdateSet({ waiting: snapshot.waiting, longest_wait_sec: snapshot.longest_wait_sec, available: snapshot.available, at: snapshot.at, reported: 0 })
        .where('queue_snapshots.at', '<=', snapshot.at),
    )
    .execute();
}

/** The snapshots not yet reported to the team server. */
export async function unreportedQueueSnapshots(db: Db): Promise<QueueSnapshotRow[]> {
  return db.selectFrom('queue_snapshots').select(['pbx', 'queue', 'waiting', 'longest_wait_sec', 'available', 'at']).where('reported', '=', 0).orderBy('pbx').orderBy('queue').execute();
}

/** Notes the snapshots reported, unless a newer one came meanwhile. */
export async function markQueueSnapshotsReported(db: Db, reported: readonly QueueSnapshotRow[]): Promise<void> {
  for (const s of reported) await db.updateTable('queue_snapshots').set({ reported: 1 }).where('pbx', '=', s.pbx).where('queue', '=', s.queue).where('at', '=', s.at).execute();
}

/** Phone rows as the server holds them for this desk, for a pull-back (no seq: they are not pushed again for it). */
export interface ServerPhoneRows {
  calls: Array<Omit<PhoneCallSnapshot, 'seq'>>;
  missed: Array<Omit<MissedCallSnapshot, 'seq'>>;
}

/**
 * A desk whose history went backwards takes back the phone facts and missed
 * calls the server has and it lacks (by pbx and call id), each missed call
 * under its own number, with its missed-call serials raised past them (no MC
 * number handed out twice), and each phone call linked to its record and
 * missed call by their numbers. Inside the pull-back's write transaction,
 * after the records; returns how many rows came back.
 */
export function pullBackPhone(sqlite: BetterSqlite3.Database, rows: ServerPhoneRows, deskCode: string): number {
  const hasMissed = sqlite.prepare('SELECT 1 FROM missed_calls WHERE pbx = ? AND call_id = ?').pluck();
  const insertMissed = sqlite.prepare(
    `INSERT INTO missed_calls (desk_code, missed_no, local_date, local_hour, time_zone, call_at, ended_at, wait_sec, phone_last4, queue, cause, pbx, call_id,
       callback_due_at, called_back_at, called_back_by, called_back_how, created_at)
     VALUES (@desk_code, @missed_no, @local_date, @local_hour, @time_zone, @call_at, @ended_at, @wait_sec, @phone_last4, @queue, @cause, @pbx, @call_id,
       @callback_due_at, @called_back_at, @called_back_by, @called_back_how, @created_at)`,
  );
  const raiseSerial = sqlite.prepare(
    `INSERT INTO missed_serials (desk_code, local_date, last_serial) VALUES (?, ?, ?)
     ON CONFLICT (desk_code, local_date) DO UPDATE SET last_serial = max(last_serial, excluded.last_serial)`,
  );
  let pulled = 0;
  for (const m of rows.missed) {
    const serial = /^MC\d{8}(\d{3,})$/.exec(m.missed_no)?.[1];
    if (serial !== undefined) raiseSerial.run(deskCode, m.local_date, Number(serial));
    if (hasMissed.get(m.pbx, m.call_id) !== undefined) continue;
    insertMissed.run({ ...m, desk_code: deskCode });
    pulled++;
  }
  const hasCall = sqlite.prepare('SELECT 1 FROM phone_calls WHERE pbx = ? AND call_id = ?').pluck();
  const insertCall = sqlite.prepare(
    `INSERT INTO phone_calls (pbx, call_id, system, direction, queue, agent, number_last4, clock, offered_at, answered_at, ended_at, cause, wait_sec, talk_sec,
       hung_up_by, local_date, local_hour, call_record_id, missed_call_id, updated_at)
     VALUES (@pbx, @call_id, @system, @direction, @queue, @agent, @number_last4, @clock, @offered_at, @answered_at, @ended_at, @cause, @wait_sec, @talk_sec,
       @hung_up_by, @local_date, @local_hour,
       (SELECT id FROM calls WHERE desk_code = @desk AND record_no = @record_no), (SELECT id FROM missed_calls WHERE missed_no = @missed_no), @updated_at)`,
  );
  for (const c of rows.calls) {
    if (hasCall.get(c.pbx, c.call_id) !== undefined) continue;
    insertCall.run({ ...c, desk: deskCode });
    pulled++;
  }
  return pulled;
}
