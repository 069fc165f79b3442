import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboxApplier } from '../../../electron/handlers/teamInbox';
import { applyInbox } from '../../../electron/team/inbox';
import { joinTeam } from '../../../electron/team/join';
import { TeamServerError } from '../../../electron/teamStore/errors';
import { leadInbox } from '../../../electron/teamStore/inboxApi';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { leadSignOffs } from '../../../electron/teamStore/signOffApi';
import type { TeamDayStatus } from '../../../shared/api/team';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer, teamLogin } from '../../helpers/teamServer';
import { caughtUp, linkedStatus, startSync, waitFor } from '../../helpers/teamSync';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// Sign-off on the team server, per desk and day (issue 14): a lead signs a desk's
// day from the server's rows; the desk pulls the sign-off and locks the day, and
// a change after it arrives flagged. Desks are real SQLite files behind the real
// dispatcher, the server a real PostgreSQL.

let cluster: PgCluster;
let zhao: Awaited<ReturnType<typeof teamLogin>>;
let qian: Awaited<ReturnType<typeof teamLogin>>;
beforeAll(async () => {
  cluster = await startTeamServer();
  [zhao, qian] = [await teamLogin(cluster, 'lead', 'zhao'), await teamLogin(cluster, 'lead', 'qian')];
}, 120_000);
afterAll(async () => {
  await zhao?.conn.close();
  await qian?.conn.close();
  await cluster?.stop();
}, 60_000);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean().catch(() => undefined);
});

async function deskWith(code: string, options: { now?: number } = {}): Promise<{ d: TestDesk; url: string }> {
  const d = await openTestDesk({ code, ...options });
  cleanups.push(() => d.close());
  return { d, url: (await addTeamLogin(cluster.superUrl, 'desk', code)).url };
}

/** The desk's sync as the worker runs it, on a fast beat, with the request path applying a lead's inbox entries. */
function syncing(d: TestDesk, url: string, options: Parameters<typeof startSync>[2] = {}) {
  const apply = inboxApplier({ db: d.store.db, now: d.clock.now });
  let applying: Promise<unknown> = Promise.resolve();
  const s = startSync(d, url, { inboxEveryMs: 50, onInboxEntries: () => void (applying = applying.then(() => applyInbox(d.store.db, apply, d.clock.now))), ...options });
  cleanups.push(async () => {
    await s.stop();
    await applying;
  });
  return s;
}

const dayOf = async (desk: string, date: string): Promise<TeamDayStatus> => (await leadSignOffs(zhao.conn).day(desk, date))!;
/** The desk's own blockers (electron/handlers/signOff.ts), by record number, as the server lists them. */
const deskBlockers = async (d: TestDesk, date: string) =>
  (await d.ok('dayStatus', { date })).blockers.map((b) => ({ recordNo: b.recordNo, problem: b.problem, ...(b.target ? { target: b.target, index: b.index ?? 0 } : {}) }));
const sorted = <T extends { recordNo: string; problem: string; target?: string; index?: number }>(list: T[]) =>
  [...list].sort((a, b) => `${a.recordNo} ${a.problem} ${a.target ?? ''} ${a.index ?? 0}`.localeCompare(`${b.recordNo} ${b.problem} ${b.target ?? ''} ${b.index ?? 0}`));
const refusalOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof TeamServerError ? { kind: e.kind, message: e.message } : { kind: 'other', message: String(e) }));
const idOf = (d: TestDesk, recordNo: string) => (d.store.sqlite.prepare('SELECT id FROM calls WHERE record_no = ?').get(recordNo) as { id: number }).id;

describe('sign-off on the team server', { timeout: 120_000 }, () => {
  it('lists the blockers as the desk does until the lead and the desk fix them; two leads at once: one signs, covering the desk\'s mark; the desk pulls it and locks the day; a later change arrives flagged', async () => {
    const { d, url } = await deskWith('S1');
    const late = await callAtStage(d, 'breached', { missReason: null });
    const fine = await callAtStage(d, 'closed');
    // Handed to another department 30 minutes after the answer, which has not answered it yet.
    const handed = await callAtStage(d, 'transferred', { transfer: { after: 30 } });
    const date = late.localDate;
    // From here the desk judges at the server's "now", as a desk running today would.
    d.clock.ms = Date.now();
    await joinTeam(d.store, url, { appVersion: '0.1.0' });

    const before = await dayOf('S1', date);
    expect(before).toMatchObject({ desk: 'S1', date, over: true, records: 3, signedOff: null });
    expect(before.blockers).toContainEqual({ recordNo: late.recordNo, problem: 'open' });
    expect(before.blockers).toContainEqual({ recordNo: late.recordNo, problem: 'reason', target: 'response', index: 0 });
    expect(before.blockers).toContainEqual({ recordNo: handed.recordNo, problem: 'reason', target: 'secondResponse', index: 0 });
    expect(before.blockers.some((b) => b.recordNo === fine.recordNo)).toBe(false);
    expect(sorted(before.blockers)).toEqual(sorted(await deskBlockers(d, date)));

    const blocked = await refusalOf(leadSignOffs(zhao.conn).signOff('S1', date, '赵组长'));
    expect(blocked).toMatchObject({ kind: 'signOffBlocked' });
    expect(blocked!.message).toContain(`${late.recordNo}: not closed and no follow-up owner`);
    expect(blocked!.message).toContain(`${late.recordNo}: response missed without a reason`);

    // The lead gives every missing reason through the inbox; the desk applies them and pushes the result.
    syncing(d, url);
    const sent: number[] = [];
    for (const b of before.blockers.filter((x) => x.problem === 'reason')) {
      sent.push(await leadInbox(zhao.conn).send({ deskCode: 'S1', recordNo: b.recordNo, method: 'addMissReason', payload: { kind: b.target, index: b.index, code: 'overload' }, createdBy: '赵组长' }));
    }
    const applied = async () => (await leadInbox(zhao.conn).list('S1')).filter((e) => sent.includes(e.id)).every((e) => e.applied_at !== null && e.refusal === null);
    expect(await waitFor(async () => (await applied()) && (await caughtUp(d)))).toBe(true);
    expect(await waitFor(async () => (await dayOf('S1', date)).blockers.every((b) => b.problem === 'open'))).toBe(true);
    expect((await dayOf('S1', date)).blockers).toEqual([
      { recordNo: late.recordNo, problem: 'open' },
      { recordNo: handed.recordNo, problem: 'open' },
    ]);

    // The desk closes the calls; then nothing blocks the day, on the server as on the desk.
    await d.ok('answerTransfer', { id: handed.id });
    for (const id of [late.id, handed.id]) {
      await d.ok('setResult', { id, result: 'resolved' });
      await d.ok('closeCall', { id });
    }
    expect(await waitFor(() => caughtUp(d))).toBe(true);
    expect(await waitFor(async () => (await dayOf('S1', date)).blockers.length === 0)).toBe(true);
    expect(await deskBlockers(d, date)).toEqual([]);

    // Two leads sign the same desk-day at once: exactly one does.
    const mark = (await linkedStatus(d)).epoch;
    const results = await Promise.allSettled([leadSignOffs(zhao.conn).signOff('S1', date, '赵组长'), leadSignOffs(qian.conn).signOff('S1', date, '钱组长')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(TeamServerError);
    expect((lost.reason as TeamServerError).kind).toBe('alreadySignedOff');
    const signed = await dayOf('S1', date);
    expect((lost.reason as TeamServerError).message).toMatch(new RegExp(`^${date} of desk S1 is already signed off by (赵组长|钱组长) at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Asia/Shanghai\\)$`));
    expect((lost.reason as TeamServerError).message).toContain(`by ${signed.signedOff!.by} at`);
    // The covered mark is the desk's mark when it was signed: everything it had pushed, all it had.
    const server = (await asSuperuser(cluster, (c) => c.query("SELECT epoch, high_water FROM hotline_team.desks WHERE desk_code = 'S1'"))).rows[0] as { epoch: number; high_water: number };
    const link = d.store.sqlite.prepare('SELECT last_seq, pushed_seq FROM team_link').get() as { last_seq: number; pushed_seq: number };
    expect(signed.signedOff!.covered).toEqual({ epoch: server.epoch, seq: server.high_water });
    expect(signed.signedOff!.covered).toEqual({ epoch: mark, seq: link.last_seq });
    expect(signed.signedOff!.role).toBe(signed.signedOff!.by === '赵组长' ? zhao.role : qian.role);

    // The desk pulls the sign-off on its beat: the day is signed off there too, and a change needs a reason.
    expect(await waitFor(async () => (await d.ok('dayStatus', { date })).signedOff !== null)).toBe(true);
    expect((await d.ok('dayStatus', { date })).signedOff).toEqual({ by: signed.signedOff!.by, at: signed.signedOff!.at });
    const refused = await d.call('addStep', { id: idOf(d, fine.recordNo), text: '签核之后补充' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'archived_needs_reason' } });
    await d.ok('addStep', { id: idOf(d, fine.recordNo), text: '签核之后补充', changeReason: '客户来电补充信息' });
    expect(await waitFor(() => caughtUp(d))).toBe(true);

    // The change is stored with the record and flagged by the server, from the covered mark.
    const after = await dayOf('S1', date);
    expect(after.changedAfterSignOff).toEqual([fine.recordNo]);
    const rows = await asSuperuser(cluster, async (c) => ({
      steps: (await c.query("SELECT text FROM hotline_team.steps WHERE desk_code = 'S1' AND record_no = $1", [fine.recordNo])).rows,
      audit: (await c.query("SELECT field, reason, change_seq, after_signoff FROM hotline_team.audit WHERE desk_code = 'S1' AND record_no = $1 ORDER BY audit_id", [fine.recordNo])).rows as Array<{ reason: string | null; change_seq: number; after_signoff: boolean }>,
    }));
    expect(rows.steps).toEqual([{ text: '签核之后补充' }]);
    const flagged = rows.audit.filter((a) => a.after_signoff);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((a) => a.reason === '客户来电补充信息' && a.change_seq > signed.signedOff!.covered.seq)).toBe(true);
    expect(rows.audit.filter((a) => !a.after_signoff).every((a) => a.change_seq <= signed.signedOff!.covered.seq)).toBe(true);
  });

  it("refuses a day that is not over in the desk's zone, and a desk the server does not have", async () => {
    const { d, url } = await deskWith('S2', { now: Date.now() });
    const today = await callAtStage(d, 'closed');
    await joinTeam(d.store, url, { appVersion: '0.1.0' });
    syncing(d, url);
    // The desk reports its zone on its first beat.
    expect(await waitFor(async () => (await dayOf('S2', today.localDate)).waitingAt !== null)).toBe(true);
    const status = await dayOf('S2', today.localDate);
    expect(status).toMatchObject({ over: false, timeZone: 'Asia/Shanghai', blockers: [], records: 1 });
    expect(await refusalOf(leadSignOffs(zhao.conn).signOff('S2', today.localDate, '赵组长'))).toEqual({
      kind: 'dayNotOver',
      message: `${today.localDate} is not over yet in desk S2's zone (Asia/Shanghai): only a day that is over can be signed off`,
    });
    expect(await refusalOf(leadSignOffs(zhao.conn).signOff('NOPE', '2024-05-20', '赵组长'))).toEqual({ kind: 'noSuchDesk', message: 'there is no desk NOPE on this team server' });
    expect(await leadSignOffs(zhao.conn).day('NOPE', '2024-05-20')).toBeUndefined();
  });

  it('shows the changes a desk still has waiting, as the desk reported them, while its pushes do not get through', async () => {
    const { d, url } = await deskWith('S3');
    const first = await callAtStage(d, 'closed');
    await joinTeam(d.store, url, { appVersion: '0.1.0' });
    expect((await dayOf('S3', first.localDate)).waiting).toBeNull();
    // The desk goes on logging, but the server refuses its pushes (its app is too old): PostgreSQL is up, nothing arrives.
    await callAtStage(d, 'closed');
    await callAtStage(d, 'closed');
    syncing(d, url, { appVersion: '0.0.1' });
    expect(await waitFor(async () => (await dayOf('S3', first.localDate)).waiting === 2)).toBe(true);
    const status = await dayOf('S3', first.localDate);
    expect(status.records).toBe(1);
    expect(status.waitingAt).toBeGreaterThan(Date.now() - 60_000);
    // The report comes on the beat before the push it waits for: the refusal is the round's outcome, a moment later.
    expect(await waitFor(async () => (await linkedStatus(d)).lastOutcome === 'appVersion')).toBe(true);
  });

  it('the waiting count is reported only when it changed, not on every beat', async () => {
    const { d, url } = await deskWith('S4');
    await callAtStage(d, 'closed');
    await joinTeam(d.store, url, { appVersion: '0.1.0' });
    syncing(d, url);
    expect(await waitFor(async () => (await dayOf('S4', '2024-05-20')).waiting === 0)).toBe(true);
    const reportedAt = (await dayOf('S4', '2024-05-20')).waitingAt;
    // Many 50 ms beats with nothing new: the report stays as it was.
    await new Promise((r) => setTimeout(r, 600));
    expect((await dayOf('S4', '2024-05-20')).waitingAt).toBe(reportedAt);
  });

  it("a desk's login cannot report for another desk, sign a day off, or read the day's blockers", async () => {
    await deskWith('S5');
    const other = await teamLogin(cluster, 'desk', 'S6');
    cleanups.push(() => other.conn.close());
    const refused = (p: Promise<unknown>) => p.then(() => 'ran', (e: TeamServerError) => e.sqlState);
    expect(await refused(other.conn.query("SELECT hotline_team.sign_off_day('S5', '2024-05-20', 'x')"))).toBe('42501');
    expect(await refused(other.conn.query("SELECT * FROM hotline_team.day_blockers('S5', '2024-05-20')"))).toBe('42501');
    // report_waiting is keyed on the login's own desk: S6 reports only for S6.
    await other.conn.query('SELECT hotline_team.report_waiting(gen_random_uuid(), 7, NULL)');
    const rows = (await asSuperuser(cluster, (c) => c.query("SELECT desk_code, waiting FROM hotline_team.desks WHERE desk_code IN ('S5', 'S6') ORDER BY desk_code"))).rows;
    expect(rows).toEqual([{ desk_code: 'S5', waiting: null }, { desk_code: 'S6', waiting: 7 }]);
    // A lead cannot report a desk's waiting count.
    expect(await refused(zhao.conn.query('SELECT hotline_team.report_waiting(gen_random_uuid(), 1, NULL)'))).toBe('42501');
  });

  it("a desk linked to a team server refuses its own local sign-off, pointing at the server's", async () => {
    const { d, url } = await deskWith('S7');
    await callAtStage(d, 'closed');
    await joinTeam(d.store, url, { appVersion: '0.1.0' });
    d.clock.ms = Date.now();
    expect(await d.call('signOffDay', { date: '2024-05-20' })).toMatchObject({ ok: false, error: { code: 'team_signs_off', problems: ['S7'], message: expect.stringContaining('hotline team sign-off S7 2024-05-20') } });
  });
});
