import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectTeam, teamTypes, type TeamConnection } from '../../electron/teamStore/connect';
import { initTeamSchema } from '../../electron/teamStore/init';
import { addTeamLogin, type TeamLoginKind } from '../../electron/teamStore/logins';
import { startCluster, type PgCluster } from './pgCluster';

/** A throw-away cluster with the team schema on it. */
export async function startTeamServer(): Promise<PgCluster> {
  const cluster = await startCluster();
  try {
    await initTeamSchema(cluster.superUrl);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** A new desk, lead or admin login and a pool connected as it. */
export async function teamLogin(cluster: PgCluster, kind: TeamLoginKind, name: string): Promise<{ url: string; role: string; conn: TeamConnection }> {
  const { url, role } = await addTeamLogin(cluster.superUrl, kind, name);
  return { url, role, conn: connectTeam(url, { kind: kind === 'desk' ? 'desk' : 'lead', connectTimeoutMs: 5_000 }) };
}

/** The superuser, which row-level security does not hold: what is really stored (int8 as numbers, as the app reads them). */
export async function asSuperuser<T>(cluster: PgCluster, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster.superUrl, types: teamTypes });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface PushedRecord {
  seq: number;
  call: Record<string, unknown>;
  transfers?: Record<string, unknown>[];
  steps?: Record<string, unknown>[];
  missReasons?: Record<string, unknown>[];
  audit?: Record<string, unknown>[];
}

/** A whole record as the pusher will send it: the desk's columns, snake_case as in SQLite. */
export function callSnapshot(recordNo: string, seq: number, changes: Partial<PushedRecord> & { call?: Record<string, unknown> } = {}): PushedRecord {
  const date = `${recordNo.slice(2, 6)}-${recordNo.slice(6, 8)}-${recordNo.slice(8, 10)}`;
  return {
    seq,
    call: { id: 42, record_no: recordNo, local_date: date, time_zone: 'Asia/Shanghai', agent: '王芳', call_at: 1_733_000_000_000, created_at: 1_733_000_000_000, updated_at: 1_733_000_000_000 + seq, import_batch: null, ...changes.call },
    transfers: changes.transfers ?? [],
    steps: changes.steps ?? [],
    missReasons: changes.missReasons ?? [],
    audit: changes.audit ?? [],
  };
}

/** A desk as the pusher will drive it: one instance id, its incarnation, push. */
export class TestDeskSession {
  readonly instance = randomUUID();
  epoch = 0;
  incarnation = '';
  constructor(readonly conn: TeamConnection) {}

  async begin(): Promise<{ max_serials: Record<string, number> }> {
    const { rows } = await this.conn.query<{ epoch: number; incarnation: string; max_serials: Record<string, number> }>('SELECT * FROM hotline_team.begin_incarnation($1)', [this.instance]);
    const row = rows[0]!;
    this.epoch = row.epoch;
    this.incarnation = row.incarnation;
    return row;
  }

  async push(records: PushedRecord[], over: { epoch?: number; incarnation?: string; appVersion?: string } = {}): Promise<number> {
    const { rows } = await this.conn.query<{ hw: number }>('SELECT hotline_team.push_records($1, $2, $3, $4, $5, $6) AS hw', [
      over.epoch ?? this.epoch,
      over.incarnation ?? this.incarnation,
      this.instance,
      over.appVersion ?? '0.1.0',
      Date.now(),
      JSON.stringify(records),
    ]);
    return rows[0]!.hw;
  }
}
