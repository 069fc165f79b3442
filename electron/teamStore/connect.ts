import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { log } from '../log';
import { teamErrorOf, TeamServerError } from './errors';
import type { TeamDatabase } from './schema';

/** Who connects: a desk holds at most one connection (500 desks fit a default max_connections and PgBouncer's transaction mode). */
export type TeamClientKind = 'desk' | 'lead' | 'setup';

export interface TeamConnectOptions {
  kind: TeamClientKind;
  /** Giving up on reaching the server (default 10 s): a dead network shows as unreachable, not a hang. */
  connectTimeoutMs?: number;
  /** The server cancels a statement after this long (default 30 s); the client gives up a little later. */
  statementTimeoutMs?: number;
  /** Told of errors of idle connections (the server killed or restarted); the pool stays usable. */
  onIdleError?: (error: TeamServerError) => void;
}

export interface TeamConnection {
  pool: pg.Pool;
  /** Typed reads (and the admin's writes) over the same pool. */
  db: Kysely<TeamDatabase>;
  /** One statement on a pooled connection; a failure comes out as a TeamServerError. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * From now on, `query` runs each statement in its own transaction after
   * `SET LOCAL ROLE role` (null: as the login itself). A lead's desk pushes so,
   * as the desk's login role granted to the lead's (migration 0006): LOCAL, so
   * no session keeps it, as PgBouncer's transaction mode requires.
   */
  actAs(role: string | null): void;
  close(): Promise<void>;
}

const INT8_OID = 20;

/**
 * int8 (bigint columns, COUNT(*), sums of integers) as a number rather than
 * pg's string: every int8 here is epoch ms or a count, far below 2^53. Only
 * this pool's parsers, not pg's global ones.
 */
export const teamTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A pool to the team server. TLS comes from the URL, read by node-postgres:
 * `?sslmode=verify-full&sslrootcert=/path/ca.pem` checks the server's
 * certificate against that CA and its name against the host.
 */
export function connectTeam(url: string, options: TeamConnectOptions): TeamConnection {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.kind === 'desk' ? 1 : 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // A desk gives its connection back soon after a push: idle desks hold none, so hundreds fit a
    // default max_connections; a busy one keeps it between its pushes (docs/team.md, Scaling).
    idleTimeoutMillis: options.kind === 'desk' ? 2_000 : 30_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 5_000,
    application_name: `hotline-log ${options.kind}`,
    keepAlive: true,
    types: teamTypes,
  });
  // An idle connection the server drops (PostgreSQL stopped or killed) emits 'error' on the pool;
  // unhandled, that would end the process. The pool discards the connection and opens a new one next time.
  pool.on('error', (error) => {
    const why = teamErrorOf(error);
    if (options.onIdleError) options.onIdleError(why);
    else log.warn(`team server: an idle connection ended (${why.kind}${why.sqlState ? ` ${why.sqlState}` : ''})`);
  });
  const db = new Kysely<TeamDatabase>({ dialect: new PostgresDialect({ pool }) });
  let role: string | null = null;
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    if (role !== null) {
      const setRole = `SET LOCAL ROLE "${role.replace(/"/g, '""')}"`;
      return inTeamTransaction(pool, async (client) => {
        await client.query(setRole);
        return client.query<R>(text, values);
      });
    }
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw teamErrorOf(error);
    }
  };
  const actAs = (next: string | null) => {
    role = next;
  };
  const close = async () => {
    // Kysely ends the pool only if it ran a query itself; otherwise its idle connection would keep the process alive.
    await db.destroy();
    if (!pool.ended) await pool.end();
  };
  return { pool, db, query, actAs, close };
}

/** Runs `work` in one transaction on one connection; a failure rolls back and comes out as a TeamServerError. */
export async function inTeamTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw teamErrorOf(error);
  }
  // A checked-out client that loses its server emits 'error' too; the failing query reports it.
  const onError = () => undefined;
  client.on('error', onError);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw teamErrorOf(error);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
