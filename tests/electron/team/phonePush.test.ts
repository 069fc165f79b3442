import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamConnection } from '../../../electron/teamStore/connect';
import { deskApi } from '../../../electron/teamStore/deskApi';
import type { MissedCallSnapshot, PhoneCallSnapshot } from '../../../electron/store/phoneOutbox';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer, teamLogin, TestDeskSession } from '../../helpers/teamServer';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
const PBX = 'pbx.example:5038';

function phoneCall(callId: string, seq: number, over: Partial<PhoneCallSnapshot> = {}): PhoneCallSnapshot {
  return {
    seq, pbx: PBX, call_id: callId, system: 'ami', direction: 'in', queue: 'support', agent: 'PJSIP/201', number_last4: '1234', clock: 'pbx',
    offered_at: T0, answered_at: T0 + 12_000, ended_at: T0 + 200_000, cause: 'normalClearing', wait_sec: 12, talk_sec: 188, hung_up_by: 'caller',
    local_date: '2026-12-01', local_hour: 10, record_no: 'CS20261201001', missed_no: null, updated_at: T0 + 200_000, ...over,
  };
}

function missedCall(desk: string, callId: string, missedNo: string, seq: number, over: Partial<MissedCallSnapshot> = {}): MissedCallSnapshot {
  return {
    seq, desk_code: desk, missed_no: missedNo, local_date: '2026-12-01', local_hour: 10, time_zone: 'Asia/Shanghai', call_at: T0, ended_at: T0 + 40_000, wait_sec: 40,
    phone_last4: '5678', queue: 'support', cause: 'abandoned', pbx: PBX, call_id: callId, callback_due_at: T0 + 3_600_000, called_back_at: null, called_back_by: null,
    called_back_how: null, created_at: T0 + 40_000, ...over,
  };
}

/** A queue call abandoned before it rang anyone, as a desk watching the queue saw it: the facts behind its missed call. */
const abandoned = (callId: string, seq: number, missedNo: string) =>
  phoneCall(callId, seq, { agent: null, answered_at: null, ended_at: T0 + 40_000, cause: 'abandoned', wait_sec: 40, talk_sec: null, record_no: null, missed_no: missedNo, updated_at: T0 + 40_000 });

/** A desk as the pusher drives it: its incarnation from the server, and push_phone through the real deskApi. */
async function deskOn(conn: TeamConnection) {
  const session = new TestDeskSession(conn);
  await session.begin();
  const api = deskApi(conn);
  const identity = () => ({ epoch: session.epoch, incarnation: session.incarnation, instance: session.instance, appVersion: '0.1.0', deskClock: Date.now() });
  return {
    session,
    push: (calls: PhoneCallSnapshot[], missed: MissedCallSnapshot[] = []) => api.pushPhone({ ...identity(), calls, missed }),
    reportQueues: (queues: Parameters<typeof api.reportQueues>[2], deskClock = Date.now()) => api.reportQueues(session.instance, deskClock, queues),
  };
}

const sqlStateOf = async (work: Promise<unknown>) => work.then(() => 'allowed', (e: { sqlState?: string; message: string }) => `${e.sqlState}: ${e.message}`);

describe('phone facts and missed calls on the team server (migration 0007)', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let a: TeamConnection;
  let b: TeamConnection;
  let lead: TeamConnection;
  let deskA: Awaited<ReturnType<typeof deskOn>>;
  let deskB: Awaited<ReturnType<typeof deskOn>>;

  beforeAll(async () => {
    cluster = await startTeamServer();
    a = (await teamLogin(cluster, 'desk', 'A')).conn;
    b = (await teamLogin(cluster, 'desk', 'B')).conn;
    lead = (await teamLogin(cluster, 'lead', 'lead1')).conn;
    deskA = await deskOn(a);
    deskB = await deskOn(b);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a, b, lead].map((c) => c?.close()));
    await cluster?.stop();
  }, 60_000);

  it("stores a desk's phone facts under its own desk, a newer snapshot over an older one, and raises its high-water mark", async () => {
    expect(await deskA.push([phoneCall('L1', 3, { ended_at: null, talk_sec: null })])).toBe(3);
    expect(await deskA.push([phoneCall('L1', 5)])).toBe(5);
    // The older snapshot arriving late overwrites nothing.
    expect(await deskA.push([phoneCall('L1', 4, { ended_at: null, talk_sec: null })])).toBe(5);
    const rows = await asSuperuser(cluster, async (c) => (await c.query('SELECT desk_code, call_id, talk_sec, record_no, change_seq FROM hotline_team.phone_calls')).rows);
    expect(rows).toEqual([{ desk_code: 'A', call_id: 'L1', talk_sec: 188, record_no: 'CS20261201001', change_seq: 5 }]);
    const desk = await asSuperuser(cluster, async (c) => (await c.query("SELECT high_water FROM hotline_team.desks WHERE desk_code = 'A'")).rows[0]);
    expect(desk).toEqual({ high_water: 5 });
  });

  it('keeps a missed call two desks watched once: the first desk owns it, the second is absorbed, and a callback by either counts', async () => {
    // Each desk's phone system showed it the call: its phone facts go with (or before) its missed call.
    await deskA.push([abandoned('Q1', 5, 'MC20261201001')], [missedCall('A', 'Q1', 'MC20261201001', 6)]);
    // Desk B logged the same abandoned queue call with its own number: no error, no second row.
    await deskB.push([abandoned('Q1', 1, 'MC20261201007')], [missedCall('B', 'Q1', 'MC20261201007', 2)]);
    const team = () => asSuperuser(cluster, async (c) => (await c.query('SELECT pbx, call_id, desk_code, missed_no, called_back_at, called_back_by, called_back_desk FROM hotline_team.missed_calls')).rows);
    expect(await team()).toEqual([{ pbx: PBX, call_id: 'Q1', desk_code: 'A', missed_no: 'MC20261201001', called_back_at: null, called_back_by: null, called_back_desk: null }]);
    const logged = await asSuperuser(cluster, async (c) => (await c.query('SELECT desk_code, missed_no FROM hotline_team.missed_call_desks ORDER BY desk_code')).rows);
    expect(logged).toEqual([{ desk_code: 'A', missed_no: 'MC20261201001' }, { desk_code: 'B', missed_no: 'MC20261201007' }]);

    // B calls back: the team's missed call is called back, by B.
    await deskB.push([], [missedCall('B', 'Q1', 'MC20261201007', 3, { called_back_at: T0 + 600_000, called_back_by: '李雷', called_back_how: 'outboundCall' })]);
    expect(await team()).toEqual([{ pbx: PBX, call_id: 'Q1', desk_code: 'A', missed_no: 'MC20261201001', called_back_at: T0 + 600_000, called_back_by: '李雷', called_back_desk: 'B' }]);
    // A re-sends its uncalled copy (a retry): B's callback still counts. A's later callback does not move the earliest.
    await deskA.push([], [missedCall('A', 'Q1', 'MC20261201001', 6)]);
    await deskA.push([], [missedCall('A', 'Q1', 'MC20261201001', 7, { called_back_at: T0 + 900_000, called_back_by: '王芳', called_back_how: 'marked' })]);
    expect((await team())[0]).toMatchObject({ called_back_at: T0 + 600_000, called_back_desk: 'B' });
    // A lead sees it once; each desk sees the call it logged.
    expect((await lead.query('SELECT count(*)::int AS n FROM hotline_team.missed_calls')).rows).toEqual([{ n: 1 }]);
    expect((await b.query('SELECT missed_no FROM hotline_team.missed_calls')).rows).toEqual([{ missed_no: 'MC20261201001' }]);
  });

  it("refuses a stale incarnation, a malformed batch, and a missed call naming another desk", async () => {
    const api = deskApi(a);
    const id = { epoch: deskA.session.epoch, instance: deskA.session.instance, appVersion: '0.1.0', deskClock: Date.now() };
    expect(await sqlStateOf(api.pushPhone({ ...id, incarnation: '00000000-0000-4000-8000-000000000000', calls: [phoneCall('L9', 9)], missed: [] }))).toMatch(/^HT002/);
    expect(await sqlStateOf(api.pushPhone({ ...id, incarnation: deskA.session.incarnation, calls: [{ ...phoneCall('L9', 9), call_id: null as unknown as string }], missed: [] }))).toMatch(/^HT006/);
    expect(await sqlStateOf(deskA.push([], [missedCall('B', 'Q2', 'MC20261201002', 9)]))).toMatch(/^HT004/);
    // Four digits only, as on the desk.
    expect(await sqlStateOf(deskA.push([phoneCall('L9', 9, { number_last4: '13800138000' })]))).toMatch(/^23514/);
    expect((await asSuperuser(cluster, async (c) => (await c.query("SELECT count(*)::int AS n FROM hotline_team.phone_calls WHERE call_id = 'L9'")).rows[0])).n).toBe(0);
  });

  it("refuses a desk's missed call of a call its phone system never showed it: raw SQL as desk A cannot read or call back B's", async () => {
    await deskB.push([abandoned('QF', 20, 'MC20261201020')], [missedCall('B', 'QF', 'MC20261201020', 21)]);
    const team = () => asSuperuser(cluster, async (c) => (await c.query("SELECT desk_code, called_back_at, called_back_desk FROM hotline_team.missed_calls WHERE call_id = 'QF'")).rows);
    const logged = () => asSuperuser(cluster, async (c) => (await c.query("SELECT desk_code FROM hotline_team.missed_call_desks WHERE call_id = 'QF' ORDER BY desk_code")).rows);
    expect(await team()).toEqual([{ desk_code: 'B', called_back_at: null, called_back_desk: null }]);

    // Desk A's own login, calling the push by hand with a guessed (pbx, Linkedid) and an early callback.
    const s = deskA.session;
    const rawPush = (phone: { calls: unknown[]; missed: unknown[] }) =>
      a.query('SELECT hotline_team.push_phone($1, $2, $3, $4, $5, $6::jsonb) AS high_water', [s.epoch, s.incarnation, s.instance, '0.1.0', Date.now(), JSON.stringify(phone)]);
    const forged = missedCall('A', 'QF', 'MC20261201099', 30, { called_back_at: T0 + 60_000, called_back_by: 'mallory', called_back_how: 'marked' });
    expect(await sqlStateOf(rawPush({ calls: [], missed: [forged] }))).toMatch(/^HT006: .*QF.*no phone facts/);
    // Another call's facts in the same batch do not vouch for it; the whole batch is refused, those facts too.
    expect(await sqlStateOf(rawPush({ calls: [abandoned('QX', 31, 'MC20261201098')], missed: [forged] }))).toMatch(/^HT006/);
    expect(await team()).toEqual([{ desk_code: 'B', called_back_at: null, called_back_desk: null }]);
    expect(await logged()).toEqual([{ desk_code: 'B' }]);
    expect((await a.query("SELECT * FROM hotline_team.missed_calls WHERE call_id = 'QF'")).rows).toEqual([]);
    expect((await asSuperuser(cluster, async (c) => (await c.query("SELECT count(*)::int AS n FROM hotline_team.phone_calls WHERE call_id = 'QX'")).rows[0])).n).toBe(0);

    // A call whose facts A pushed before: its missed call is taken in a later push.
    expect(await sqlStateOf(rawPush({ calls: [abandoned('QG', 32, 'MC20261201033')], missed: [] }))).toBe('allowed');
    expect(await sqlStateOf(rawPush({ calls: [], missed: [missedCall('A', 'QG', 'MC20261201033', 33)] }))).toBe('allowed');
    expect((await a.query("SELECT desk_code, missed_no FROM hotline_team.missed_calls WHERE call_id = 'QG'")).rows).toEqual([{ desk_code: 'A', missed_no: 'MC20261201033' }]);
  });

  it("gives a desk none of another desk's phone rows, and no way to write any phone table but the push", async () => {
    await deskB.push([phoneCall('L2', 4, { record_no: 'CS20261201002' })]);
    await deskB.reportQueues([{ pbx: PBX, queue: 'support', waiting: 2, longest_wait_sec: 30, available: 1, at: Date.now() }]);
    await deskB.push([abandoned('Q3', 5, 'MC20261201008')], [missedCall('B', 'Q3', 'MC20261201008', 6)]);
    for (const table of ['phone_calls', 'missed_call_desks', 'queue_snapshots', 'missed_calls']) {
      expect((await a.query(`SELECT * FROM hotline_team.${table} WHERE desk_code = 'B'`)).rows, table).toEqual([]);
    }
    const before = await asSuperuser(cluster, async (c) => ({
      phone: (await c.query('SELECT * FROM hotline_team.phone_calls ORDER BY desk_code, call_id')).rows,
      missed: (await c.query('SELECT * FROM hotline_team.missed_calls ORDER BY call_id')).rows,
      logged: (await c.query('SELECT * FROM hotline_team.missed_call_desks ORDER BY call_id, desk_code')).rows,
      queues: (await c.query('SELECT * FROM hotline_team.queue_snapshots')).rows,
    }));
    const attempts = [
      `INSERT INTO hotline_team.phone_calls (desk_code, pbx, call_id, system, direction, clock, offered_at, local_date, local_hour, updated_at, change_epoch, change_seq, received_at) VALUES ('B', 'x', 'y', 'ami', 'in', 'pbx', 1, '2026-12-01', 1, 1, 9, 9, 1)`,
      "UPDATE hotline_team.phone_calls SET agent = 'A was here' WHERE desk_code = 'B'",
      "UPDATE hotline_team.phone_calls SET agent = 'A was here'",
      "DELETE FROM hotline_team.phone_calls",
      "UPDATE hotline_team.missed_calls SET called_back_at = 1",
      "DELETE FROM hotline_team.missed_calls",
      "UPDATE hotline_team.missed_call_desks SET called_back_at = 1",
      "UPDATE hotline_team.queue_snapshots SET waiting = 99",
      "DELETE FROM hotline_team.queue_snapshots",
      ...['phone_calls', 'missed_calls', 'missed_call_desks', 'queue_snapshots'].map((t) => `TRUNCATE hotline_team.${t} CASCADE`),
    ];
    for (const statement of attempts) {
      expect(await sqlStateOf(a.query(statement)), statement).toMatch(/^42501: permission denied/);
      expect(await sqlStateOf(lead.query(statement)), `lead: ${statement}`).toMatch(/^42501: permission denied/);
    }
    const after = await asSuperuser(cluster, async (c) => ({
      phone: (await c.query('SELECT * FROM hotline_team.phone_calls ORDER BY desk_code, call_id')).rows,
      missed: (await c.query('SELECT * FROM hotline_team.missed_calls ORDER BY call_id')).rows,
      logged: (await c.query('SELECT * FROM hotline_team.missed_call_desks ORDER BY call_id, desk_code')).rows,
      queues: (await c.query('SELECT * FROM hotline_team.queue_snapshots')).rows,
    }));
    expect(after).toEqual(before);
    // A lead reads every desk's; the push is a desk's alone.
    expect((await lead.query("SELECT call_id FROM hotline_team.phone_calls WHERE desk_code = 'B' AND call_id = 'L2'")).rows).toEqual([{ call_id: 'L2' }]);
    expect(await sqlStateOf(lead.query("SELECT hotline_team.push_phone(1, gen_random_uuid(), gen_random_uuid(), '0.1.0', 0, '{}')"))).toMatch(/^42501/);
  });

  it("keeps each desk's newest queue snapshot on the server's clock; an older one arriving late changes nothing", async () => {
    const now = Date.now();
    // The desk's clock runs 5 s ahead: the snapshot's moment comes back onto the server's.
    await deskA.reportQueues([{ pbx: PBX, queue: 'sales', waiting: 3, longest_wait_sec: 75, available: 0, at: now + 5_000 - 1_000 }], now + 5_000);
    await deskA.reportQueues([{ pbx: PBX, queue: 'sales', waiting: 9, longest_wait_sec: 5, available: 0, at: now + 5_000 - 20_000 }], now + 5_000);
    const row = await asSuperuser(cluster, async (c) => (await c.query("SELECT waiting, longest_wait_sec, at FROM hotline_team.queue_snapshots WHERE desk_code = 'A'")).rows[0]);
    expect(row.waiting).toBe(3);
    expect(row.longest_wait_sec).toBe(75);
    expect(Math.abs(row.at - (now - 1_000))).toBeLessThan(1_000);
  });
});
