import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamConnection } from '../../../electron/teamStore/connect';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, callSnapshot, startTeamServer, teamLogin, TestDeskSession } from '../../helpers/teamServer';

const REC = 'CS20241201001';

async function stored(cluster: PgCluster, desk: string, recordNo = REC) {
  return asSuperuser(cluster, async (c) => ({
    call: (await c.query('SELECT * FROM hotline_team.calls WHERE desk_code = $1 AND record_no = $2', [desk, recordNo])).rows[0],
    transfers: (await c.query('SELECT seq, to_owner FROM hotline_team.transfers WHERE desk_code = $1 AND record_no = $2 ORDER BY seq', [desk, recordNo])).rows,
    steps: (await c.query('SELECT n, text FROM hotline_team.steps WHERE desk_code = $1 AND record_no = $2 ORDER BY n', [desk, recordNo])).rows,
    audit: (await c.query('SELECT audit_id, change_seq, after_signoff FROM hotline_team.audit WHERE desk_code = $1 AND record_no = $2 ORDER BY audit_id', [desk, recordNo])).rows,
  }));
}

describe('push_records', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let a: TeamConnection;
  let lead: TeamConnection;
  let leadUrl: string;
  let desk: TestDeskSession;

  beforeAll(async () => {
    cluster = await startTeamServer();
    a = (await teamLogin(cluster, 'desk', 'A')).conn;
    const l = await teamLogin(cluster, 'lead', 'lead1');
    lead = l.conn;
    leadUrl = l.url;
    desk = new TestDeskSession(a);
    await desk.begin();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a, lead].map((c) => c?.close()));
    await cluster?.stop();
  }, 60_000);

  it('stores a newer snapshot with its children replaced as a set; an older one and the same batch again change nothing', async () => {
    const first = callSnapshot(REC, 1, {
      transfers: [{ seq: 1, to_owner: 'IT', transferred_at: 1 }, { seq: 2, to_owner: 'HR', transferred_at: 2 }],
      steps: [{ n: 1, at: 1, author: 'x', text: 'called back' }],
      audit: [{ id: 1, field: 'result', actor: 'x', at: 1 }],
    });
    expect(await desk.push([first])).toBe(1);
    const newer = callSnapshot(REC, 3, { call: { agent: '李雷' }, transfers: [{ seq: 1, to_owner: 'Finance', transferred_at: 1 }], steps: [], audit: [{ id: 1, field: 'result', actor: 'x', at: 1 }, { id: 2, field: 'agent', actor: 'x', at: 3 }] });
    expect(await desk.push([newer])).toBe(3);
    const afterNewer = await stored(cluster, 'A');
    expect(afterNewer.call.agent).toBe('李雷');
    expect(afterNewer.transfers).toEqual([{ seq: 1, to_owner: 'Finance' }]);
    expect(afterNewer.steps).toEqual([]);
    expect(afterNewer.audit.map((r) => r.audit_id)).toEqual([1, 2]);

    // The older snapshot arrives late: it overwrites nothing.
    expect(await desk.push([first])).toBe(3);
    expect(await stored(cluster, 'A')).toEqual(afterNewer);
    // The same batch twice: nothing changes, not even received_at.
    expect(await desk.push([newer])).toBe(3);
    expect(await stored(cluster, 'A')).toEqual(afterNewer);
  });

  it('refuses a stale incarnation and a stale epoch with their own code', async () => {
    const old = { epoch: desk.epoch, incarnation: desk.incarnation };
    await desk.begin();
    const stale = (over: { epoch?: number; incarnation?: string }) => desk.push([callSnapshot(REC, 99)], over).catch((e: { sqlState?: string }) => e.sqlState);
    expect(await stale(old)).toBe('HT002');
    expect(await stale({ epoch: old.epoch })).toBe('HT002');
    expect((await stored(cluster, 'A')).call.change_seq).toBe(3);
  });

  it('lets the new epoch overwrite what a higher sequence of the old one stored, and returns the largest serial per day', async () => {
    await desk.push([callSnapshot('CS20241201007', 1), callSnapshot('CS20241202012', 2)]);
    expect((await stored(cluster, 'A')).call.change_seq).toBe(3);
    const lower = callSnapshot(REC, 2, { call: { agent: 'restored desk' } });
    await desk.push([lower]);
    expect((await stored(cluster, 'A')).call.agent).toBe('restored desk');
    const second = new TestDeskSession(a);
    (second as { instance: string }).instance = desk.instance;
    expect((await second.begin()).max_serials).toEqual({ '2024-12-01': 7, '2024-12-02': 12 });
    desk.epoch = second.epoch;
    desk.incarnation = second.incarnation;
  });

  it('refuses a second instance of the desk while the lease holds, and lets it in once the lease has run out', async () => {
    const other = new TestDeskSession(a);
    const code = (p: Promise<unknown>) => p.then(() => 'allowed', (e: { sqlState?: string }) => e.sqlState);
    expect(await code(other.begin())).toBe('HT003');
    expect(await code(other.push([callSnapshot(REC, 50)], { epoch: desk.epoch, incarnation: desk.incarnation }))).toBe('HT003');
    expect(await code(a.query('SELECT hotline_team.claim_lease($1, 60)', [other.instance]))).toBe('HT003');
    await a.query('SELECT hotline_team.claim_lease($1, 1)', [desk.instance]);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await code(other.begin())).toBe('allowed');
    expect(await code(desk.push([callSnapshot(REC, 60)]))).toBe('HT002');
    desk = other;
  });

  it('flags a change above the sign-off covered mark as changed after sign-off, in the call and its new audit rows', async () => {
    await desk.push([callSnapshot('CS20241203001', 1, { audit: [{ id: 10, field: 'result', actor: 'x', at: 1 }] })]);
    const mark = (await a.query<{ epoch: number; high_water: number }>('SELECT epoch, high_water FROM hotline_team.desks')).rows[0]!;
    await lead.query("INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ('A', '2024-12-03', 'lead one', $1, $2)", [mark.epoch, mark.high_water]);
    // A second sign-off of the same desk and day is refused.
    expect(await lead.query("INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ('A', '2024-12-03', 'lead two', 1, 1)").catch((e: { sqlState?: string }) => e.sqlState)).toBe('23505');
    expect((await stored(cluster, 'A', 'CS20241203001')).call.changed_after_signoff).toBe(false);
    await desk.push([callSnapshot('CS20241203001', 2, { audit: [{ id: 10, field: 'result', actor: 'x', at: 1 }, { id: 11, field: 'remarks', actor: 'x', at: 2 }] })]);
    const after = await stored(cluster, 'A', 'CS20241203001');
    expect(after.call.changed_after_signoff).toBe(true);
    expect(after.audit).toEqual([
      { audit_id: 10, change_seq: 1, after_signoff: false },
      { audit_id: 11, change_seq: 2, after_signoff: true },
    ]);
  });

  it('takes a batch far above 65,535 bind parameters in one call: its records are one jsonb', async () => {
    const batch = Array.from({ length: 3_000 }, (_, i) => callSnapshot(`CS20241204${String(i + 1).padStart(4, '0')}`, 100 + i, { steps: [{ n: 1, at: 1, author: 'x', text: 't' }] }));
    expect(await desk.push(batch)).toBe(3_099);
    expect((await a.query("SELECT count(*) AS n FROM hotline_team.calls WHERE local_date = '2024-12-04'")).rows).toEqual([{ n: 3_000 }]);
  });

  it('notifies listening leads with the desk and its mark only, never record content', async () => {
    const listener = new pg.Client(leadUrl);
    await listener.connect();
    try {
      const got = new Promise<pg.Notification>((resolve) => listener.on('notification', resolve));
      await listener.query('LISTEN hotline_team');
      await desk.push([callSnapshot('CS20241205001', 5_000, { call: { agent: 'secret-name', remarks: 'secret remark' } })]);
      const note = await got;
      expect(note.channel).toBe('hotline_team');
      expect(JSON.parse(note.payload ?? '')).toEqual({ desk: 'A', epoch: desk.epoch, seq: 5_000 });
    } finally {
      await listener.end();
    }
  });
  it('stores in one batch only the records it has newer, leaves the rest and their children as they were, and takes a record named twice at its highest seq', async () => {
    const kept = callSnapshot('CS20241206001', 6_000, { call: { agent: '老' }, steps: [{ n: 1, at: 1, author: 'x', text: 'old step' }] });
    await desk.push([kept]);
    const before = await stored(cluster, 'A', 'CS20241206001');
    const stale = callSnapshot('CS20241206001', 5_999, { call: { agent: '旧' }, steps: [] });
    const fresh = callSnapshot('CS20241206002', 6_002, { call: { agent: '新' }, steps: [{ n: 1, at: 2, author: 'x', text: 'new step' }] });
    const twiceLow = callSnapshot('CS20241206003', 6_003, { call: { agent: '低' }, transfers: [{ seq: 1, to_owner: 'IT', transferred_at: 1 }] });
    const twiceHigh = callSnapshot('CS20241206003', 6_004, { call: { agent: '高' }, transfers: [{ seq: 1, to_owner: 'HR', transferred_at: 2 }] });
    expect(await desk.push([twiceHigh, stale, fresh, twiceLow])).toBe(6_004);
    expect(await stored(cluster, 'A', 'CS20241206001')).toEqual(before);
    expect((await stored(cluster, 'A', 'CS20241206002')).steps).toEqual([{ n: 1, text: 'new step' }]);
    const twice = await stored(cluster, 'A', 'CS20241206003');
    expect([twice.call.agent, twice.call.change_seq, twice.transfers]).toEqual(['高', 6_004, [{ seq: 1, to_owner: 'HR' }]]);
  });

  it('refuses a batch for its first bad element, in batch order, and stores none of it', async () => {
    const good = callSnapshot('CS20241207001', 7_000);
    const foreign = callSnapshot('CS20241207002', 7_001, { call: { desk_code: 'B' } });
    const malformed = { seq: 7_002, call: { local_date: '2024-12-07' } } as unknown as ReturnType<typeof callSnapshot>;
    const code = (err: unknown) => (err as { sqlState?: string }).sqlState;
    expect(code(await desk.push([good, foreign, malformed]).catch((e: unknown) => e))).toBe('HT004');
    expect(code(await desk.push([good, malformed, foreign]).catch((e: unknown) => e))).toBe('HT006');
    expect((await stored(cluster, 'A', 'CS20241207001')).call).toBeUndefined();
  });
});
