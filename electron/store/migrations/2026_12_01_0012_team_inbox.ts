import { sql, type Kysely } from 'kysely';

/**
 * The team inbox, as the desk keeps it (issue 14). A team lead working in
 * team scope may change another desk's record (a miss reason, a corrected
 * time, a follow-up done); the change goes into the server's inbox, and the
 * owning desk applies it through its own records core, audit included. The
 * desk copies each entry here first (`state` pending), applies it on the
 * request path like a click (applied or refused, with the change sequence it
 * got), and tells the server (`reported`). Kept after: the desk's trail of
 * what leads asked of it. Entry ids are the server's, so an entry fetched
 * twice is kept once and applied once.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE team_inbox (
    id INTEGER PRIMARY KEY,
    record_no TEXT NOT NULL,
    method TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'refused')),
    outcome TEXT,
    applied_at INTEGER,
    applied_seq INTEGER,
    reported INTEGER NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE INDEX team_inbox_open ON team_inbox (state, reported)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE team_inbox`.execute(db);
}
