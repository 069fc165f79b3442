import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectTeam } from '../../../electron/teamStore/connect';
import { deskApi } from '../../../electron/teamStore/deskApi';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { findTeamLink, snapshotsOf, waitingEntries } from '../../../electron/store/outbox';
import { joinTeam } from '../../../electron/team/join';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { startStallProxy } from '../../helpers/stallProxy';
import { localRecords, serverRecords } from '../../helpers/teamCompare';
import { asSuperuser, startTeamServer, teamLogin } from '../../helpers/teamServer';
import { caughtUp, linkedStatus, startSync, TEST_APP_VERSION, waitFor } from '../../helpers/teamSync';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';
import { deskPushRows } from '../../../electron/teamStore/pushRows';

// Faults between a desk (a real SQLite file, the real dispatcher) and a real
// PostgreSQL; each ends with "nothing lost, nothing doubled": the server holds
// exactly the desk's own records, whole, once.

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startTeamServer();
}, 120_000);
afterAll(() => cluster?.stop(), 60_000);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean().catch(() => undefined);
});

/** A set-up desk with its own login, linked to the team (its history, if any, pushed by the join). */
async function linkedDesk(code: string, url?: string): Promise<{ d: TestDesk; url: string }> {
  const d = await openTestDesk({ code });
  cleanups.push(() => d.close());
  const deskUrl = url ?? (await addTeamLogin(cluster.superUrl, 'desk', code)).url;
  await joinTeam(d.store, deskUrl, { appVersion: TEST_APP_VERSION });
  return { d, url: deskUrl };
}

function syncing(d: TestDesk, url: string, options: Parameters<typeof startSync>[2] = {}) {
  const s = startSync(d, url, options);
  cleanups.push(() => s.stop());
  return s;
}

const idOf = (d: TestDesk, recordNo: string) => (d.store.sqlite.prepare('SELECT id FROM calls WHERE record_no = ?').get(recordNo) as { id: number }).id;

describe('faults between a desk and the team server', { timeout: 120_000 }, () => {
  it('PostgreSQL SIGKILLed again and again at random moments in the middle of small push batches: everything arrives, once', async () => {
    const { d, url } = await linkedDesk('F21');
    // 3,000 records waiting: most only started (one request each, to keep the test quick), every tenth closed with a step.
    for (let i = 0; i < 3_000; i++) {
      if (i % 10 === 0) await callAtStage(d, 'closed', { steps: [`第${i}条`] });
      else await d.ok('startCall', {});
    }
    expect((await linkedStatus(d)).waiting).toBe(3_000);

    const sync = syncing(d, url, { batchSize: 10, connectTimeoutMs: 1_000, statementTimeoutMs: 3_000 });
    let killsWhilePushing = 0;
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setTimeout(r, 80 + Math.random() * 400));
      const waiting = (await linkedStatus(d)).waiting;
      if (waiting === 0) break;
      await cluster.kill();
      killsWhilePushing++;
      // While it is down the desk keeps logging.
      await d.ok('startCall', {});
      await cluster.start();
    }
    expect(killsWhilePushing).toBeGreaterThanOrEqual(3);
    expect(await waitFor(() => caughtUp(d), 60_000)).toBe(true);
    await sync.stop();

    expect(await linkedStatus(d)).toMatchObject({ waiting: 0, lastOutcome: 'ok', unreachableSince: null, parked: [] });
    const local = localRecords(d);
    expect(local.length).toBe(3_000 + killsWhilePushing);
    expect(await serverRecords(cluster, 'F21')).toEqual(local);
    const link = (await findTeamLink(d.store.db))!;
    const server = await asSuperuser(cluster, async (c) => (await c.query("SELECT high_water FROM hotline_team.desks WHERE desk_code = 'F21'")).rows[0] as { high_water: number });
    expect(server.high_water).toBe(link.last_seq);
    // 3,000 records through the dispatcher take most of it: on a busy 2-core machine, half a minute.
  }, 180_000);

  it('a network that stops forwarding (a stalled TCP proxy) turns the desk "unreachable" within its time-outs, and it recovers once the proxy forwards again', async () => {
    const proxy = await startStallProxy({ host: cluster.host, port: cluster.port });
    cleanups.push(() => proxy.close());
    const direct = new URL((await addTeamLogin(cluster.superUrl, 'desk', 'F22')).url);
    direct.host = `127.0.0.1:${proxy.port}`;
    const url = direct.toString();
    const { d } = await linkedDesk('F22', url);
    syncing(d, url, { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000 });
    await callAtStage(d, 'closed');
    expect(await waitFor(() => caughtUp(d), 10_000)).toBe(true);

    proxy.stall();
    const stalledAt = Date.now();
    await callAtStage(d, 'breached');
    await callAtStage(d, 'transferred');
    // The connection in the pool is idle and still open: the next push is sent into the stall.
    expect(await waitFor(async () => (await linkedStatus(d)).unreachableSince !== null, 15_000)).toBe(true);
    const tookMs = Date.now() - stalledAt;
    expect(await linkedStatus(d)).toMatchObject({ waiting: 2 });
    // Within the client's own give-up time (connect.ts: the statement time-out, 1 s, and its 5 s margin), a back-off round and the poll.
    expect(tookMs).toBeLessThan(1_000 + 5_000 + 1_500);
    // It keeps failing fast while stalled: new connections cannot get through either.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await linkedStatus(d)).toMatchObject({ waiting: 2 });
    expect((await linkedStatus(d)).unreachableSince).not.toBeNull();

    proxy.resume();
    expect(await waitFor(() => caughtUp(d), 20_000)).toBe(true);
    expect(await linkedStatus(d)).toMatchObject({ lastOutcome: 'ok', unreachableSince: null });
    expect(await serverRecords(cluster, 'F22')).toEqual(localRecords(d));
  });

  it('the same batch sent twice through deskApi.push: the second changes nothing', async () => {
    const { d, url } = await linkedDesk('F23');
    await callAtStage(d, 'closed', { steps: ['已处理'] });
    await callAtStage(d, 'breached');
    await callAtStage(d, 'transferred', { transfer: { answeredAfter: 3 } });
    const link = (await findTeamLink(d.store.db))!;
    const entries = await waitingEntries(d.store.db, 100);
    expect(entries.length).toBe(3);
    const batch = { epoch: link.epoch, incarnation: link.incarnation!, instance: link.instance, appVersion: TEST_APP_VERSION, deskClock: Date.now(), rows: await deskPushRows(d.store.db, entries), snapshots: () => snapshotsOf(d.store.db, entries) };
    const stored = () =>
      asSuperuser(cluster, async (c) => {
        const of = async (table: string) => (await c.query(`SELECT * FROM hotline_team.${table} WHERE desk_code = 'F23' ORDER BY 2, 3`)).rows;
        return { calls: await of('calls'), transfers: await of('transfers'), steps: await of('steps'), reasons: await of('miss_reasons'), audit: await of('audit'), desk: (await c.query("SELECT epoch, incarnation, high_water FROM hotline_team.desks WHERE desk_code = 'F23'")).rows };
      });
    const conn = connectTeam(url, { kind: 'desk', connectTimeoutMs: 2_000 });
    cleanups.push(() => conn.close());
    const api = deskApi(conn);
    const first = await api.push(batch);
    const once = await stored();
    expect(once.calls.length).toBe(3);
    expect(once.audit.length).toBeGreaterThan(0);
    const second = await api.push({ ...batch, deskClock: Date.now() });
    expect(second).toBe(first);
    // Every row as it was: counts, change marks, arrival times, children.
    expect(await stored()).toEqual(once);
    expect(await serverRecords(cluster, 'F23')).toEqual(localRecords(d));
  });

  it("a desk's clock set back an hour between clicks: the pushes still arrive and the newer change wins (the guard is the change sequence, not time)", async () => {
    const { d, url } = await linkedDesk('F24');
    syncing(d, url);
    const call = await callAtStage(d, 'answered');
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    const before = (await serverRecords(cluster, 'F24'))[0]!.call;

    d.clock.advance(-60);
    await d.ok('addStep', { id: idOf(d, call.recordNo), text: '时钟回拨后的步骤' });
    await d.ok('setResult', { id: idOf(d, call.recordNo), result: 'resolved' });
    const earlier = await callAtStage(d, 'closed');
    expect(await waitFor(() => caughtUp(d))).toBe(true);

    const server = await serverRecords(cluster, 'F24');
    expect(server).toEqual(localRecords(d));
    const changed = server.find((r) => r.call.record_no === call.recordNo)!;
    // The newer change is stored, with the desk's own flag that its clock went back (it logs the click at the record's latest moment).
    expect(changed.call).toMatchObject({ result: 'resolved', clock_behind_ms: 60 * 60_000 });
    expect(changed.steps).toEqual([expect.objectContaining({ text: '时钟回拨后的步骤' })]);
    expect(changed.audit).toContainEqual(expect.objectContaining({ field: 'clockBehind', new_value: String(60 * 60_000) }));
    // A call begun after the clock went back, an hour before the first one's last change, arrives too.
    const newer = server.find((r) => r.call.record_no === earlier.recordNo)!;
    expect(newer.call.call_at as number).toBeLessThan(before.updated_at as number);
  });

  it("a record edited after its day was signed off on the server is stored with the change and flagged, by the server's mark and not by time", async () => {
    const { d, url } = await linkedDesk('F25');
    syncing(d, url);
    const signedCall = await callAtStage(d, 'closed');
    const untouched = await callAtStage(d, 'closed');
    expect(await waitFor(() => caughtUp(d))).toBe(true);

    // A lead signs the desk's day off at the mark the server has for it (the desk's clock is 2024; the sign-off is now).
    const lead = await teamLogin(cluster, 'lead', 'signer25');
    cleanups.push(() => lead.conn.close());
    const mark = (await lead.conn.query<{ epoch: number; high_water: number }>("SELECT epoch, high_water FROM hotline_team.desks WHERE desk_code = 'F25'")).rows[0]!;
    expect(mark.high_water).toBeGreaterThan(0);
    await lead.conn.query('INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ($1, $2, $3, $4, $5)', ['F25', signedCall.localDate, '王主管', mark.epoch, mark.high_water]);

    await d.ok('addStep', { id: idOf(d, signedCall.recordNo), text: '签核之后补充' });
    expect(await waitFor(() => caughtUp(d))).toBe(true);

    expect(await serverRecords(cluster, 'F25')).toEqual(localRecords(d));
    const flags = await asSuperuser(cluster, async (c) => ({
      calls: Object.fromEntries((await c.query("SELECT record_no, changed_after_signoff FROM hotline_team.calls WHERE desk_code = 'F25'")).rows.map((r) => [r.record_no, r.changed_after_signoff])),
      audit: (await c.query("SELECT field, new_value, after_signoff, change_seq FROM hotline_team.audit WHERE desk_code = 'F25' AND record_no = $1 ORDER BY audit_id", [signedCall.recordNo])).rows as Array<{ after_signoff: boolean; change_seq: number }>,
    }));
    expect(flags.calls).toEqual({ [signedCall.recordNo]: true, [untouched.recordNo]: false });
    // The rows pushed before the sign-off stay unflagged; only the new ones, above the covered mark, are flagged.
    expect(flags.audit.filter((a) => a.after_signoff).length).toBeGreaterThan(0);
    expect(flags.audit.filter((a) => !a.after_signoff).length).toBeGreaterThan(0);
    for (const a of flags.audit) expect(a.after_signoff).toBe(a.change_seq > mark.high_water);
  });

  it('a server out of connections (too many clients) is waited out like an unreachable one: no record is parked for it, and everything arrives after', async () => {
    const { d, url } = await linkedDesk('F27');
    const limit = (n: number) =>
      asSuperuser(cluster, (c) => c.query(`DO $$ BEGIN EXECUTE format('ALTER ROLE %I CONNECTION LIMIT ${n}', (SELECT role_name FROM hotline_team.desks WHERE desk_code = 'F27')); END $$`));
    syncing(d, url);
    await callAtStage(d, 'closed');
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    // As a cluster at max_connections after a restart: the desk's connection is gone, and every new one is refused with 53300.
    await limit(0);
    cleanups.push(() => limit(-1));
    await asSuperuser(cluster, (c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = (SELECT role_name FROM hotline_team.desks WHERE desk_code = 'F27')"));
    await callAtStage(d, 'breached');
    await callAtStage(d, 'transferred');
    const seen = await waitFor(async () => (await linkedStatus(d)).unreachableSince !== null, 5_000);
    expect(seen).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await linkedStatus(d)).toMatchObject({ waiting: 2, parked: [] });

    await limit(-1);
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    expect(await linkedStatus(d)).toMatchObject({ lastOutcome: 'ok', unreachableSince: null, parked: [] });
    expect(await serverRecords(cluster, 'F27')).toEqual(localRecords(d));
  });

  it('an app older than the server supports stops pushing with appVersion, keeps logging locally, and resumes once the range includes it again', async () => {
    const { d, url } = await linkedDesk('F26');
    syncing(d, url);
    await callAtStage(d, 'closed');
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    const setMin = (v: string) => asSuperuser(cluster, (c) => c.query('UPDATE hotline_team.meta SET min_app_version = $1 WHERE id = 1', [v]));
    await setMin('0.2.0');
    cleanups.push(() => setMin('0.1.0'));

    await callAtStage(d, 'breached');
    expect(await waitFor(async () => (await linkedStatus(d)).lastOutcome === 'appVersion')).toBe(true);
    expect(await linkedStatus(d)).toMatchObject({ waiting: 1, unreachableSince: null, parked: [] });
    await callAtStage(d, 'transferred');
    await callAtStage(d, 'answered');
    await new Promise((r) => setTimeout(r, 300));
    expect(await linkedStatus(d)).toMatchObject({ waiting: 3, lastOutcome: 'appVersion', parked: [] });
    expect((await serverRecords(cluster, 'F26')).length).toBe(1);

    await setMin('0.1.0');
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    expect(await linkedStatus(d)).toMatchObject({ lastOutcome: 'ok', unreachableSince: null });
    expect(await serverRecords(cluster, 'F26')).toEqual(localRecords(d));
  });
});
