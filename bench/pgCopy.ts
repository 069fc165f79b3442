import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { teamTypes } from '../electron/teamStore/connect';
import { CALL_COLUMNS } from '../electron/teamStore/migrations/0001/tables';

/**
 * Bulk loads for the team bench, the fastest way PostgreSQL offers: rows from
 * a desk's SQLite file streamed as CSV into psql's `\copy` (Debian's psql
 * binary: pg-copy-streams is not installed), into an UNLOGGED staging table
 * outside the team schema, then `INSERT … SELECT` into hotline_team's tables
 * as the owner role, in one transaction. COPY FROM cannot go straight into the
 * team's tables as the owner: PostgreSQL refuses it on tables with row-level
 * security, and the owner's is forced.
 */

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/14/bin', '/usr/lib/postgresql/13/bin'];

function psqlBinary(): string {
  const dirs = [...(process.env.HOTLINE_PG_BINDIR ? [process.env.HOTLINE_PG_BINDIR] : []), ...BIN_DIRS, ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const dir of dirs) if (dir && fs.existsSync(path.join(dir, 'psql'))) return path.join(dir, 'psql');
  throw new Error("PostgreSQL's psql is not installed: apt-get install postgresql-client");
}

const csvValue = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return `"${String(v).replace(/"/g, '""')}"`;
};

/** Streams `rows` (arrays in `columns` order) into `table` through psql's \copy … FROM pstdin. */
export function copyInto(url: string, table: string, columns: readonly string[], rows: Iterable<unknown[]>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(psqlBinary(), [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} (${columns.join(', ')}) FROM pstdin WITH (FORMAT csv)`], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(n) : reject(new Error(`psql \\copy into ${table} failed (${code}): ${stderr.trim()}`))));
    let n = 0;
    const iterator = rows[Symbol.iterator]();
    const pump = () => {
      let chunk = '';
      for (;;) {
        const next = iterator.next();
        if (next.done) {
          child.stdin.end(chunk);
          return;
        }
        n++;
        chunk += `${next.value.map(csvValue).join(',')}\n`;
        if (chunk.length > 1 << 16) {
          const more = child.stdin.write(chunk);
          chunk = '';
          if (!more) {
            child.stdin.once('drain', pump);
            return;
          }
        }
      }
    };
    child.stdin.on('error', reject);
    pump();
  });
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, types: teamTypes });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const CALL_NAMES = CALL_COLUMNS.map(([name]) => name);

export interface SnapshotLoad {
  /** The desk code each SQLite call goes to, from its row (e.g. by agent), or one code for all. */
  deskOf: (call: { agent: string; desk_code: string }) => string;
  /** Also the children (transfers, steps, miss reasons, audit): the whole snapshots, as a push carries them. */
  children: boolean;
  /** A name for the staging tables, unique per load. */
  tag: string;
}

/**
 * Loads every call of `sqlite` (and with `children`, their children) into the
 * team's tables by COPY into staging and INSERT … SELECT as the owner. The
 * desks must exist. Returns the calls loaded.
 */
export async function loadByCopy(superUrl: string, sqlite: BetterSqlite3.Database, load: SnapshotLoad): Promise<number> {
  const stage = `bench_stage.${load.tag}`;
  const now = Date.now();
  await withClient(superUrl, async (c) => {
    await c.query('CREATE SCHEMA IF NOT EXISTS bench_stage');
    await c.query(`CREATE UNLOGGED TABLE ${stage}_calls (LIKE hotline_team.calls)`);
    if (load.children) {
      for (const t of ['transfers', 'steps', 'miss_reasons', 'audit']) await c.query(`CREATE UNLOGGED TABLE ${stage}_${t} (LIKE hotline_team.${t})`);
    }
    await c.query('GRANT USAGE ON SCHEMA bench_stage TO hotline_team_owner');
    await c.query('GRANT SELECT ON ALL TABLES IN SCHEMA bench_stage TO hotline_team_owner');
  });
  const deskById = new Map<number, string>();
  let seq = 0;
  const callRows = function* () {
    for (const row of sqlite.prepare(`SELECT id, agent, desk_code, record_no, ${CALL_NAMES.join(', ')} FROM calls ORDER BY id`).raw().iterate() as Iterable<unknown[]>) {
      const desk = load.deskOf({ agent: row[1] as string, desk_code: row[2] as string });
      if (load.children) deskById.set(row[0] as number, desk);
      yield [desk, ...row.slice(3), 1, ++seq, now, false];
    }
  };
  const calls = await copyInto(superUrl, `${stage}_calls`, ['desk_code', 'record_no', ...CALL_NAMES, 'change_epoch', 'change_seq', 'received_at', 'changed_after_signoff'], callRows());
  const children: Array<[table: string, columns: string[], select: string]> = load.children
    ? [
        ['transfers', ['seq', 'to_owner', 'transferred_at', 'answered_at', 'due_at'], 'SELECT t.call_id, c.record_no, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at FROM transfers t JOIN calls c ON c.id = t.call_id'],
        ['steps', ['n', 'at', 'author', 'text'], 'SELECT s.call_id, c.record_no, s.n, s.at, s.author, s.text FROM steps s JOIN calls c ON c.id = s.call_id'],
        ['miss_reasons', ['kind', 'idx', 'code', 'text', 'author', 'at'], 'SELECT m.call_id, c.record_no, m.kind, m.idx, m.code, m.text, m.author, m.at FROM miss_reasons m JOIN calls c ON c.id = m.call_id'],
        [
          'audit',
          ['audit_id', 'field', 'old_value', 'new_value', 'actor', 'actor_id', 'at', 'reason', 'change_epoch', 'change_seq', 'after_signoff', 'received_at'],
          `SELECT a.call_id, c.record_no, a.id, a.field, a.old_value, a.new_value, a.actor, a.actor_id, a.at, a.reason, 1, 0, 0, ${now} FROM audit_log a JOIN calls c ON c.id = a.call_id`,
        ],
      ]
    : [];
  for (const [table, columns, select] of children) {
    const rows = function* () {
      for (const row of sqlite.prepare(select).raw().iterate() as Iterable<unknown[]>) {
        const out = [deskById.get(row[0] as number), ...row.slice(1)];
        if (table === 'audit') out[out.length - 2] = false;
        yield out;
      }
    };
    await copyInto(superUrl, `${stage}_${table}`, ['desk_code', 'record_no', ...columns], rows());
  }
  await withClient(superUrl, async (c) => {
    await c.query('BEGIN');
    await c.query('SET LOCAL ROLE hotline_team_owner');
    await c.query(`INSERT INTO hotline_team.calls SELECT * FROM ${stage}_calls`);
    for (const [table] of children) await c.query(`INSERT INTO hotline_team.${table} SELECT * FROM ${stage}_${table}`);
    await c.query('COMMIT');
  });
  await withClient(superUrl, async (c) => {
    for (const t of ['calls', ...children.map(([table]) => table)]) await c.query(`DROP TABLE ${stage}_${t}`);
  });
  return calls;
}
