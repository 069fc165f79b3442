import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTeam } from '../../../electron/team/join';
import { openTeamScope, type TeamScope } from '../../../electron/team/scope';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import type { TeamDayStatus } from '../../../shared/api/team';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer } from '../../helpers/teamServer';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

// The team sign-off panel's requests (issue 14), through the real dispatcher of
// a lead's desk whose team scope reads a real PostgreSQL: every desk's day, a
// sign-off in the signed-in lead's name, and the server's refusals coded for
// the page (two leads at once: one signs, the other is told who did).

let cluster: PgCluster;
const opened: TestDesk[] = [];
const scopes: TeamScope[] = [];
let zhao: TestDesk;
let qian: TestDesk;
let date: string;
const records: Record<string, string> = {};

/** A desk with one call at `stage` on the seed's day, joined to the team. */
async function deskWith(code: string, stage: 'started' | 'closed'): Promise<void> {
  const d = await openTestDesk({ code });
  opened.push(d);
  const call = await callAtStage(d, stage);
  records[code] = call.recordNo;
  date = call.localDate;
  await joinTeam(d.store, (await addTeamLogin(cluster.superUrl, 'desk', code)).url, { appVersion: '0.1.0' });
}

/** A lead's desk: team scope with the lead's own login, the lead's profile signed in. */
async function leadDesk(code: string, login: string, name: string): Promise<TestDesk> {
  const d = await openTestDesk({ code, now: Date.now() });
  opened.push(d);
  const scope = openTeamScope((await addTeamLogin(cluster.superUrl, 'lead', login)).url);
  scopes.push(scope);
  d.ctx.team = scope;
  const lead = await d.ok('saveUser', { name, role: 'team_lead' });
  await d.ok('signIn', { userId: lead.id });
  return d;
}

beforeAll(async () => {
  cluster = await startTeamServer();
  await deskWith('P1', 'started');
  await deskWith('P2', 'closed');
  await deskWith('P3', 'closed');
  zhao = await leadDesk('L1', 'zhao', '赵组长');
  qian = await leadDesk('L2', 'qian', '钱组长');
}, 180_000);

afterAll(async () => {
  for (const s of scopes) await s.close();
  for (const d of opened) await d.close();
  await cluster?.stop();
}, 60_000);

const dayOf = (days: TeamDayStatus[], desk: string) => days.find((d) => d.desk === desk)!;

describe('the team sign-off panel', { timeout: 60_000 }, () => {
  it("lists every desk's day: records, blockers, last heard from, not signed; the desk filter reads one desk", async () => {
    const list = await zhao.ok('teamSignOffDays', { date });
    expect(list.date).toBe(date);
    expect(Math.abs(list.serverNow - Date.now())).toBeLessThan(60_000);
    expect(list.days.map((d) => d.desk)).toEqual(['P1', 'P2', 'P3']);
    const blocked = dayOf(list.days, 'P1');
    expect(blocked).toMatchObject({ over: true, records: 1, signedOff: null, timeZone: 'Asia/Shanghai' });
    expect(blocked.blockers).toContainEqual({ recordNo: records.P1, problem: 'open' });
    expect(dayOf(list.days, 'P2')).toMatchObject({ over: true, records: 1, blockers: [], signedOff: null, changedAfterSignOff: [] });
    // Heard from at its join, on the server's clock.
    expect(dayOf(list.days, 'P2').lastSeenAt).toBeGreaterThan(list.serverNow - 120_000);
    expect((await zhao.ok('teamSignOffDays', { date, desks: ['P2'] })).days.map((d) => d.desk)).toEqual(['P2']);
  });

  it("signs a desk's day in the signed-in lead's name, and refuses one with blockers and a day not over", async () => {
    const signed = await zhao.ok('teamSignOffDay', { desk: 'P2', date });
    expect(signed).toMatchObject({ desk: 'P2', date, signedOff: { by: '赵组长' } });
    expect(signed.signedOff!.at).toBeGreaterThan(Date.now() - 60_000);
    expect(dayOf((await qian.ok('teamSignOffDays', { date })).days, 'P2').signedOff?.by).toBe('赵组长');

    expect(await zhao.call('teamSignOffDay', { desk: 'P1', date })).toMatchObject({ ok: false, error: { code: 'sign_off_blocked', field: 'date' } });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await zhao.call('teamSignOffDay', { desk: 'P2', date: today })).toMatchObject({ ok: false, error: { code: 'day_not_over', problems: [today] } });
    expect(await zhao.call('teamSignOffDay', { desk: 'NOPE', date })).toMatchObject({ ok: false, error: { refusal: { code: 'team_no_such_desk', params: { desk: 'NOPE' } } } });
    expect(dayOf((await zhao.ok('teamSignOffDays', { date })).days, 'P1').signedOff).toBeNull();
  });

  it('two leads at once: exactly one signs; the other is refused, told who signed and when, in the desk\'s zone', async () => {
    const results = await Promise.all([zhao.call('teamSignOffDay', { desk: 'P3', date }), qian.call('teamSignOffDay', { desk: 'P3', date })]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.ok ? won[0]!.value.signedOff!.by : '';
    expect(['赵组长', '钱组长']).toContain(winner);
    const refusal = !lost[0]!.ok ? lost[0]!.error : null;
    expect(refusal).toMatchObject({ code: 'invalid_request', field: 'desk', refusal: { code: 'team_already_signed_off', params: { desk: 'P3', date, by: winner } } });
    expect(String(refusal!.refusal!.params.at)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)$/);
    expect(refusal!.message).toBe(`${date} of desk P3 was signed off already, by ${winner} at ${refusal!.refusal!.params.at}.`);
  });

  it('is for leads and admins with team scope only', async () => {
    const idOf = (name: string) => (zhao.store.sqlite.prepare('SELECT id FROM users WHERE name = ?').get(name) as { id: number }).id;
    // The desk's admin adds an agent, who signs in at the lead's desk.
    await zhao.ok('signIn', { userId: idOf('李娜') });
    await zhao.ok('signIn', { userId: (await zhao.ok('saveUser', { name: '王芳', role: 'agent' })).id });
    try {
      expect(await zhao.call('teamSignOffDays', { date })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await zhao.call('teamSignOffDay', { desk: 'P1', date })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await zhao.ok('signIn', { userId: idOf('赵组长') });
    }
    // An admin may, as a lead may.
    await zhao.ok('signIn', { userId: idOf('李娜') });
    expect((await zhao.ok('teamSignOffDays', { date })).days).toHaveLength(3);
    await zhao.ok('signIn', { userId: idOf('赵组长') });
    // A desk that keeps no lead's URL: no team scope.
    const plain = await openTestDesk({ code: 'L3', now: SEED_MORNING });
    opened.push(plain);
    expect(await plain.call('teamSignOffDays', { date })).toMatchObject({ ok: false, error: { refusal: { code: 'team_scope_unavailable' } } });
  });
});
