import { sql, type Kysely } from 'kysely';

/**
 * Telephony (issue 15). Two tables:
 * - `phone_calls`: what the phone system said of each call it showed this desk
 *   (one row per (pbx, call id), filled in as events arrive, whatever their
 *   order): the facts the call-centre KPIs are computed from, and the link to
 *   the record it opened or the missed call it left.
 * - `missed_calls`: calls hung up before an answer, abandoned in a queue or not
 *   answered, a record kind of their own with their own number series
 *   (`missed_serials`, 'MC' + date + serial) and a callback target. Unique by
 *   (pbx, call id), so a replayed event or a second desk watching the same queue
 *   logs a call once.
 * Numbers are only ever the last four digits, CHECKed like the calls'.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE missed_serials (
    desk_code TEXT NOT NULL,
    local_date TEXT NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (desk_code, local_date)
  )`.execute(db);
  await sql`CREATE TABLE missed_calls (
    id INTEGER PRIMARY KEY,
    desk_code TEXT NOT NULL,
    missed_no TEXT NOT NULL UNIQUE,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    call_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    wait_sec REAL NOT NULL,
    phone_last4 TEXT CHECK (phone_last4 IS NULL OR (length(phone_last4) = 4 AND phone_last4 NOT GLOB '*[^0-9]*')),
    queue TEXT,
    cause TEXT NOT NULL,
    pbx TEXT NOT NULL,
    call_id TEXT NOT NULL,
    policy_id INTEGER,
    callback_due_at INTEGER,
    called_back_at INTEGER,
    called_back_by TEXT,
    called_back_how TEXT CHECK (called_back_how IS NULL OR called_back_how IN ('outboundCall', 'marked')),
    created_at INTEGER NOT NULL,
    UNIQUE (pbx, call_id)
  )`.execute(db);
  await sql`CREATE INDEX missed_calls_by_day ON missed_calls (local_date)`.execute(db);
  await sql`CREATE INDEX missed_calls_open ON missed_calls (phone_last4) WHERE called_back_at IS NULL`.execute(db);
  await sql`CREATE TABLE phone_calls (
    id INTEGER PRIMARY KEY,
    pbx TEXT NOT NULL,
    call_id TEXT NOT NULL,
    system TEXT NOT NULL CHECK (system IN ('ami', 'cti')),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    queue TEXT,
    agent TEXT,
    number_last4 TEXT CHECK (number_last4 IS NULL OR (length(number_last4) = 4 AND number_last4 NOT GLOB '*[^0-9]*')),
    clock TEXT NOT NULL CHECK (clock IN ('pbx', 'arrival')),
    offered_at INTEGER NOT NULL,
    answered_at INTEGER,
    ended_at INTEGER,
    cause TEXT,
    wait_sec REAL,
    talk_sec REAL,
    hung_up_by TEXT,
    local_date TEXT NOT NULL,
    local_hour INTEGER NOT NULL,
    call_record_id INTEGER REFERENCES calls (id),
    missed_call_id INTEGER REFERENCES missed_calls (id),
    updated_at INTEGER NOT NULL,
    UNIQUE (pbx, call_id)
  )`.execute(db);
  await sql`CREATE INDEX phone_calls_by_day ON phone_calls (local_date)`.execute(db);
  await sql`CREATE INDEX phone_calls_record ON phone_calls (call_record_id) WHERE call_record_id IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE phone_calls`.execute(db);
  await sql`DROP TABLE missed_calls`.execute(db);
  await sql`DROP TABLE missed_serials`.execute(db);
}
