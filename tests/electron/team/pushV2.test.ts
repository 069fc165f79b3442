import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { linkTeam, snapshotsOf, waitingEntries, type RecordSnapshot } from '../../../electron/store/outbox';
import type { TeamConnection } from '../../../electron/teamStore/connect';
import { deskApi } from '../../../electron/teamStore/deskApi';
import { deskPushRows, pushRowsOf } from '../../../electron/teamStore/pushRows';
import { openTestDesk } from '../../helpers/tempStore';
import { CALL_COLUMNS } from '../../../electron/teamStore/migrations/0001/tables';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, callSnapshot, startTeamServer, teamLogin, TestDeskSession, type PushedRecord } from '../../helpers/teamServer';

// push_records_v2 (migration 0005) carries a batch as one array of rows per table; push_records (0002)
// as one jsonb of whole snapshots, and stays for desks of older versions. The same batches pushed
// each way must leave the same rows on the server: every column, every child, the same guards.

/** Texts that need every kind of quoting in an array of composite rows, and some that need none. */
const TRICKY = ['', ' ', 'a,b', '(x)', '"quoted"', 'back\\slash', '\\"', '{braces}', 'NULL', 'line\nbreak', '  padded  ', '全角，逗号（括号）', 'tab\tend'];

/** A call with every column of the server's calls filled, texts cycling through TRICKY. */
function fullCall(recordNo: string, seq: number, salt: number): PushedRecord {
  const call: Record<string, unknown> = {};
  CALL_COLUMNS.forEach(([name, type], i) => {
    if (name === 'phone_last4') call[name] = '0123';
    else if (name.startsWith('score_')) call[name] = 1 + ((i + salt) % 5);
    else if (type.startsWith('integer')) call[name] = i + salt;
    else if (type.startsWith('bigint')) call[name] = 1_733_000_000_000 + i * 1_000 + salt;
    else call[name] = `${TRICKY[(i + salt) % TRICKY.length]}${name === 'local_date' || name === 'time_zone' ? '' : ''}`;
  });
  call.local_date = `${recordNo.slice(2, 6)}-${recordNo.slice(6, 8)}-${recordNo.slice(8, 10)}`;
  call.time_zone = 'Asia/Shanghai';
  return callSnapshot(recordNo, seq, {
    call,
    transfers: [
      { seq: 1, to_owner: TRICKY[(salt + 2) % TRICKY.length], transferred_at: 10 + salt, answered_at: 11 + salt, due_at: 12 + salt },
      { seq: 2, to_owner: 'HR', transferred_at: 20, answered_at: null, due_at: null },
    ],
    steps: TRICKY.slice(0, 4).map((text, n) => ({ n: n + 1, at: 100 + n, author: TRICKY[(n + salt) % TRICKY.length], text: `${text}${salt}` })),
    missReasons: [
      { kind: 'response', idx: 0, code: 'overload', text: TRICKY[(salt + 5) % TRICKY.length], author: '王芳', at: 300 },
      { kind: 'secondResponse', idx: 1, code: 'other', text: null, author: 'x', at: 301 },
    ],
    audit: [
      { id: 7 + salt, field: 'result', old_value: null, new_value: TRICKY[(salt + 4) % TRICKY.length], actor: '王芳', actor_id: 3, at: 400, reason: null },
      { id: 8 + salt, field: 'remarks', old_value: '"old"', new_value: '', actor: 'x', actor_id: null, at: 401, reason: 'a,(reason)' },
    ],
  });
}

/** The call's columns as the server stores them: the desk's own id and import batch stay on the desk. */
const serverColumns = ({ id: _id, import_batch: _batch, ...call }: Record<string, unknown>) => call;

/** Everything the server holds for a desk, without the desk's code and the server's clock: what two desks' pushes can be compared by. */
async function everything(cluster: PgCluster, desk: string) {
  return asSuperuser(cluster, async (c) => {
    const read = async (table: string, order: string) =>
      (await c.query(`SELECT * FROM hotline_team.${table} WHERE desk_code = $1 ORDER BY ${order}`, [desk])).rows.map(({ desk_code: _d, received_at: _r, ...row }) => row);
    return {
      calls: await read('calls', 'record_no'),
      transfers: await read('transfers', 'record_no, seq'),
      steps: await read('steps', 'record_no, n'),
      missReasons: await read('miss_reasons', 'record_no, kind, idx'),
      audit: await read('audit', 'record_no, audit_id, new_value'),
    };
  });
}

describe('push_records_v2 against push_records', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let oldConn: TeamConnection;
  let newConn: TeamConnection;
  let oldDesk: TestDeskSession;
  let newDesk: TestDeskSession;
  const code = (p: Promise<unknown>) => p.then(() => 'stored', (e: { sqlState?: string }) => e.sqlState);

  beforeAll(async () => {
    cluster = await startTeamServer();
    oldConn = (await teamLogin(cluster, 'desk', 'OLD')).conn;
    newConn = (await teamLogin(cluster, 'desk', 'NEW')).conn;
    oldDesk = new TestDeskSession(oldConn);
    newDesk = new TestDeskSession(newConn);
    await oldDesk.begin();
    await newDesk.begin();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([oldConn, newConn].map((c) => c?.close()));
    await cluster?.stop();
  }, 60_000);

  /** A batch in both forms deskApi takes. */
  const both = (records: PushedRecord[]) => ({ rows: pushRowsOf(records as unknown as RecordSnapshot[]), snapshots: () => Promise.resolve(records as unknown as RecordSnapshot[]) });
  /** The app's push (deskApi: push_records_v2 while the server has it) for the new desk. */
  const pushNew = (records: PushedRecord[]) =>
    deskApi(newConn).push({ epoch: newDesk.epoch, incarnation: newDesk.incarnation, instance: newDesk.instance, appVersion: '0.1.0', deskClock: Date.now(), ...both(records) });

  it('stores every column and child as the old function does: new records, a newer snapshot, a stale one, a record named twice, sign-off flags', async () => {
    const rounds: PushedRecord[][] = [
      [fullCall('CS20241201001', 1, 0), fullCall('CS20241201002', 2, 1), callSnapshot('CS20241201003', 3)],
      // A newer snapshot with fewer children (replaced as a set), a stale one (nothing changes), one named twice.
      [
        { ...fullCall('CS20241201001', 5, 3), transfers: [], steps: [{ n: 1, at: 1, author: 'x', text: 'only step' }] },
        fullCall('CS20241201002', 1, 9),
        fullCall('CS20241201004', 6, 4),
        fullCall('CS20241201004', 7, 5),
        fullCall('CS20241201004', 7, 6),
      ],
    ];
    for (const round of rounds) expect(await pushNew(round)).toBe(await oldDesk.push(round));
    // A sign-off of the day on both desks, then a change above it: flagged alike.
    for (const desk of ['OLD', 'NEW']) await asSuperuser(cluster, (c) => c.query("INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ($1, '2024-12-01', 'lead', 0, 0)", [desk]));
    const after = [fullCall('CS20241201003', 8, 7)];
    expect(await pushNew(after)).toBe(await oldDesk.push(after));
    const [viaOld, viaNew] = [await everything(cluster, 'OLD'), await everything(cluster, 'NEW')];
    expect(viaNew).toEqual(viaOld);
    // The comparison is not of two empty sets: the texts arrived as they were sent.
    expect(viaNew.calls.map((c) => c.record_no)).toEqual(['CS20241201001', 'CS20241201002', 'CS20241201003', 'CS20241201004']);
    expect(viaNew.calls[3]).toMatchObject({ ...serverColumns(fullCall('CS20241201004', 7, 5).call), change_seq: 7 });
    const texts = new Set([...viaNew.calls.flatMap((c) => Object.values(c)), ...viaNew.steps.map((s) => s.text)]);
    for (const text of TRICKY) expect(texts).toContain(text);
    expect(viaNew.steps.filter((s) => s.record_no === 'CS20241201001').map((s) => s.text)).toEqual(['only step']);
    expect(viaNew.calls[2]!.changed_after_signoff).toBe(true);
  });

  it('refuses what the old function refuses, with the same codes', async () => {
    const foreign = callSnapshot('CS20241202001', 20, { call: { desk_code: 'OLD' } });
    const malformed = { seq: 21, call: { local_date: '2024-12-02' } } as unknown as PushedRecord;
    expect(await code(pushNew([callSnapshot('CS20241202002', 19), foreign, malformed]))).toBe('HT004');
    expect(await code(pushNew([malformed, foreign]))).toBe('HT006');
    expect(await code(pushNew([{ ...callSnapshot('CS20241202003', 22), call: { ...callSnapshot('CS20241202003', 22).call, score_speed: 9 } }]))).toBe('23514');
    expect(await code(deskApi(newConn).push({ epoch: newDesk.epoch, incarnation: oldDesk.incarnation, instance: newDesk.instance, appVersion: '0.1.0', deskClock: 0, ...both([]) }))).toBe('HT002');
    expect(await code(deskApi(newConn).push({ epoch: newDesk.epoch, incarnation: newDesk.incarnation, instance: newDesk.instance, appVersion: '0.0.1', deskClock: 0, ...both([]) }))).toBe('HT005');
    expect((await everything(cluster, 'NEW')).calls.map((c) => c.record_no)).not.toContain('CS20241202002');
  });

  it('refuses a child that names no call of the batch', async () => {
    const calls = pushRowsOf([callSnapshot('CS20241203001', 30) as unknown as RecordSnapshot]).calls;
    for (const place of [0, 2, null]) {
      const steps = `{"(${place ?? ''},1,1,x,t)"}`;
      const refused = newConn.query('SELECT hotline_team.push_records_v2($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [newDesk.epoch, newDesk.incarnation, newDesk.instance, '0.1.0', 0, calls, '{}', steps, '{}', '{}']);
      expect(await code(refused)).toBe('HT006');
    }
    expect((await everything(cluster, 'NEW')).calls.map((c) => c.record_no)).not.toContain('CS20241203001');
  });

  it('an app on a server without migration 0005 pushes through the old function', async () => {
    await asSuperuser(cluster, (c) => c.query('DROP FUNCTION hotline_team.push_records_v2'));
    const record = fullCall('CS20241204001', 40, 2);
    expect(await pushNew([record])).toBe(40);
    expect((await everything(cluster, 'NEW')).calls.find((c) => c.record_no === 'CS20241204001')).toMatchObject({ ...serverColumns(record.call), change_seq: 40 });
  });

  it("the desk's SQLite writes a batch's rows exactly as they are written from its snapshots", async () => {
    const desk = await openTestDesk({ code: 'ROWS' });
    try {
      await fillDemo(desk.store, { records: 60, days: 3, agents: 2, seed: 'rows', until: '2026-06-30' });
      const sqlite = desk.store.sqlite;
      // Every kind of text in the columns and children the demo fills, and numbers of both kinds.
      const ids = sqlite.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as number[];
      ids.forEach((id, i) => {
        const text = TRICKY[i % TRICKY.length]!;
        sqlite.prepare('UPDATE calls SET remarks = ?, reason = ?, result_note = NULL, local_hour = ? WHERE id = ?').run(text, TRICKY[(i + 3) % TRICKY.length], i % 2 === 0 ? 7 : 7.5, id);
        sqlite.prepare('UPDATE steps SET text = ? WHERE call_id = ?').run(`${text}|${i}`, id);
        sqlite.prepare('UPDATE transfers SET to_owner = ? WHERE call_id = ?').run(TRICKY[(i + 5) % TRICKY.length], id);
      });
      sqlite.transaction(() => linkTeam(sqlite, { role: 'desk', instance: '00000000-0000-4000-8000-000000000001', linkedAt: 1 })).immediate();
      // Entries out of the calls' order, with one whose call is not there: places follow the entries.
      const entries = [...(await waitingEntries(desk.store.db, 100))].reverse();
      entries.splice(7, 0, { call_id: 999_999, seq: 1 });
      const fromSqlite = await deskPushRows(desk.store.db, entries);
      expect(fromSqlite).toEqual(pushRowsOf(await snapshotsOf(desk.store.db, entries)));
      expect(fromSqlite.steps.length).toBeGreaterThan(1_000);
      expect(fromSqlite.transfers).not.toBe('{}');
    } finally {
      await desk.close();
    }
  });
});
