import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullAuthored } from '../../../electron/team/authored';
import { joinTeam, leaveTeam } from '../../../electron/team/join';
import { startOf } from '../../../electron/records/policyVersions';
import { adminAuthored, teamAuthored } from '../../../electron/teamStore/authoredApi';
import { connectTeam, type TeamConnection } from '../../../electron/teamStore/connect';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { defaultPolicy } from '../../../shared/policy/defaults';
import type { Policy } from '../../../shared/policy/schema';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { linkedStatus, startSync, waitFor } from '../../helpers/teamSync';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// What the team authors comes from the server: its policy versions (back-dated
// ones re-judge the desk's records as a local back-dated save does) and its
// profiles (PINs never leave the desk).
const APP = '0.1.0';
const ZONE = 'Asia/Shanghai';
const MIN = 60_000;

let cluster: PgCluster;
let admin: TeamConnection;
/** A team server of the describe's own: the versions one test writes would be pulled by the next one's desks. */
function ownTeamServer() {
  beforeAll(async () => {
    cluster = await startTeamServer();
    admin = connectTeam((await addTeamLogin(cluster.superUrl, 'admin', 'ops')).url, { kind: 'lead' });
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
    await cluster?.stop();
  });
}
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A general call's response target of `minutes` (the defaults: 4 h). */
function responseIn(minutes: number): Policy {
  const policy = defaultPolicy(ZONE);
  policy.priorities = policy.priorities.map((l) => (l.key === 'general' ? { ...l, response: { amount: minutes, unit: 'minutes' } } : l));
  return policy;
}

/** A desk at the real time (a team version's start is the server's clock), linked, optionally syncing. */
async function linkedDesk(code: string, options: { sync?: boolean } = {}) {
  const desk = await openTestDesk({ code, now: Date.now() - 30 * MIN });
  cleanups.push(() => desk.close());
  const url = (await addTeamLogin(cluster.superUrl, 'desk', code)).url;
  await joinTeam(desk.store, url, { appVersion: APP });
  if (options.sync !== false) {
    const sync = startSync(desk, url, { inboxEveryMs: 50 });
    cleanups.push(() => sync.stop());
  }
  return { desk, url };
}

const row = (desk: TestDesk, id: number) => desk.store.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mapped = (desk: TestDesk) => desk.store.db.selectFrom('team_policy_versions').selectAll().orderBy('server_version').execute();
const usersOf = (desk: TestDesk) => desk.store.db.selectFrom('users').selectAll().orderBy('id').execute();

describe("the team's policy, pulled by desks", { timeout: 60_000 }, () => {
  ownTeamServer();
  it('an admin imports a policy: two linked desks take it, judge new calls by it, show its version, and refuse their own saves', async () => {
    const a = await linkedDesk('PA1');
    const b = await linkedDesk('PB1');
    const from = a.desk.clock.ms - MIN;
    const version = await adminAuthored(admin).addPolicyVersion({ effectiveFrom: from, createdBy: 'ops', json: responseIn(5), reason: null });

    for (const { desk } of [a, b]) {
      expect(await waitFor(async () => (await linkedStatus(desk)).serverPolicyVersion === version)).toBe(true);
      const [map] = await mapped(desk);
      expect(map).toMatchObject({ server_version: version });
      const inForce = await desk.ok('getPolicy', {});
      expect(inForce).toMatchObject({ version: map!.policy_id, effectiveFrom: from, managedByTeam: true });
      expect(inForce.policy.priorities.find((l) => l.key === 'general')!.response).toEqual({ amount: 5, unit: 'minutes' });

      // A new general call answered after 10 min misses the team's 5 min (the desk's own 4 h would have held).
      const late = await callAtStage(desk, 'answered', { fields: { priority: 'general' }, answerAfter: 10 });
      const stored = await row(desk, late.id);
      expect(stored).toMatchObject({ policy_id: map!.policy_id, response_due_at: stored.call_at + 5 * MIN });

      // The desk's own policy saves are refused while the team manages it, with a coded refusal.
      const own = await desk.call('savePolicy', { policy: responseIn(30) });
      expect(own).toMatchObject({ ok: false, error: { code: 'forbidden', refusal: { code: 'team_policy' } } });
      expect(await desk.call('previewPolicy', { policy: responseIn(30), effectiveFrom: '2024-01-01' })).toMatchObject({ ok: false, error: { refusal: { code: 'team_policy' } } });
    }
  });
});

describe('a back-dated team version', { timeout: 60_000 }, () => {
  ownTeamServer();
  it('a back-dated team version re-judges a desk exactly as the same local back-dated save does, and leaving gives the policy back', async () => {
    const linked = await linkedDesk('PC1', { sync: false });
    const local = await openTestDesk({ code: 'PC1', now: linked.desk.clock.ms });
    cleanups.push(() => local.close());
    // The same history on both: a general call answered after 20 min, met under the defaults' 4 h.
    const calls = [];
    const startAt = linked.desk.clock.ms;
    for (const desk of [linked.desk, local]) calls.push(await callAtStage(desk, 'closed', { fields: { priority: 'general' }, answerAfter: 20, startAt }));
    expect((await row(linked.desk, calls[0]!.id)).response_due_at).toBe(calls[0]!.callAt + 240 * MIN);

    // The calls' own day (their answer may fall after midnight, on the next one).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(startAt);
    const from = startOf(today, responseIn(10), linked.desk.clock.ms);
    const version = await adminAuthored(admin).addPolicyVersion({ effectiveFrom: from, createdBy: 'ops', json: responseIn(10), reason: '培训后收紧' });
    const localSave = await local.ok('savePolicy', { policy: responseIn(10), effectiveFrom: today });

    expect(await pullAuthored(linked.desk.store.db, teamAuthored(admin))).toEqual({ policyVersions: 1, profiles: 0 });
    const [judgedByTeam, judgedLocally] = [await row(linked.desk, calls[0]!.id), await row(local, calls[1]!.id)];
    const verdict = ({ call_at, response_due_at, resolution_due_at, ended_breach, next_due_at }: typeof judgedByTeam) => ({ call_at, response_due_at, resolution_due_at, ended_breach, next_due_at });
    expect(verdict(judgedByTeam)).toEqual(verdict(judgedLocally));
    expect(judgedByTeam).toMatchObject({ response_due_at: judgedByTeam.call_at + 10 * MIN, ended_breach: 1 });
    const trail = await linked.desk.store.db.selectFrom('policy_audit').selectAll().where('source', '=', 'team').executeTakeFirstOrThrow();
    expect(trail).toMatchObject({ actor: 'ops', reason: '培训后收紧', records_rejudged: localSave.recordsRejudged, verdicts_changed: localSave.verdictsChanged });
    expect(localSave.verdictsChanged).toBe(1);
    expect(await mapped(linked.desk)).toEqual([expect.objectContaining({ server_version: version, policy_id: judgedByTeam.policy_id })]);

    // Nothing new on the server: one small query, nothing saved again.
    expect(await pullAuthored(linked.desk.store.db, teamAuthored(admin))).toEqual({ policyVersions: 0, profiles: 0 });
    expect(await mapped(linked.desk)).toHaveLength(1);

    leaveTeam(linked.desk.store);
    expect(await linked.desk.call('savePolicy', { policy: responseIn(30) })).toMatchObject({ ok: true });
  });
});

describe("the team's profiles, pulled by desks", { timeout: 60_000 }, () => {
  ownTeamServer();
  it('a profile added on the server appears on desks without a PIN (inactive until a local admin gives it one), follows a rename, keeps its local PIN, and no PIN reaches the server', async () => {
    const a = await linkedDesk('UA1');
    const b = await linkedDesk('UB1');
    const added = await adminAuthored(admin).addProfile({ name: '王芳', role: 'agent' });
    const teamUser = async (desk: TestDesk) => (await usersOf(desk)).find((u) => u.team_id === added.team_id);
    for (const { desk } of [a, b]) {
      expect(await waitFor(async () => (await teamUser(desk)) !== undefined)).toBe(true);
      expect(await teamUser(desk)).toMatchObject({ name: '王芳', role: 'agent', pin_hash: null, active: 0 });
      // It cannot sign in with no PIN, and cannot be made active here without one.
      const id = (await teamUser(desk))!.id;
      expect(await desk.call('signIn', { userId: id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await desk.call('saveUser', { id, name: '王芳', role: 'agent', active: true })).toMatchObject({ ok: false, error: { refusal: { code: 'team_profile_needs_pin' } } });
    }
    // Desk A's admin gives it a PIN: active there only.
    const onA = (await teamUser(a.desk))!;
    await a.desk.ok('saveUser', { id: onA.id, name: '王芳', role: 'agent', pin: '4821', active: true });
    const hash = (await teamUser(a.desk))!.pin_hash!;
    expect(hash).toMatch(/^scrypt\$/);

    await adminAuthored(admin).updateProfile(added.team_id, { name: '王芳芳', role: 'team_lead' });
    for (const { desk } of [a, b]) expect(await waitFor(async () => (await teamUser(desk))?.name === '王芳芳')).toBe(true);
    expect(await teamUser(a.desk)).toMatchObject({ name: '王芳芳', role: 'team_lead', pin_hash: hash, active: 1 });
    expect(await teamUser(b.desk)).toMatchObject({ name: '王芳芳', role: 'team_lead', pin_hash: null, active: 0 });
    expect(await a.desk.call('signIn', { userId: onA.id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '王芳芳' } });

    // The team deactivates it: inactive everywhere, whatever PIN it has.
    await adminAuthored(admin).updateProfile(added.team_id, { active: false });
    expect(await waitFor(async () => (await teamUser(a.desk))?.active === 0)).toBe(true);

    const everything = await asSuperuser(cluster, async (client) => {
      const columns = (await client.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'hotline_team'")).rows as Array<{ table_name: string; column_name: string }>;
      const tables = [...new Set(columns.map((c) => c.table_name))];
      const dumps: string[] = [];
      for (const t of tables) dumps.push(JSON.stringify((await client.query(`SELECT * FROM hotline_team.${t}`)).rows));
      return { columns, dump: dumps.join('\n') };
    });
    expect(everything.columns.filter((c) => /pin/i.test(c.column_name))).toEqual([]);
    expect(everything.dump).toContain('王芳芳');
    expect(everything.dump).not.toContain(hash);
    expect(everything.dump).not.toContain('scrypt$');
  });

  it("a local profile of the team's name is adopted with its PIN; a pull never takes the desk's last admin away", async () => {
    const { desk } = await linkedDesk('UC1', { sync: false });
    await desk.ok('saveUser', { name: '赵强', role: 'agent', pin: '1357' });
    const before = (await usersOf(desk)).find((u) => u.name === '赵强')!;
    const zhao = await adminAuthored(admin).addProfile({ name: '赵强', role: 'agent' });
    // The desk's own admin, 李娜 (no PIN), is a team agent: it stays the desk's admin.
    const li = await adminAuthored(admin).addProfile({ name: '李娜', role: 'agent' });
    await pullAuthored(desk.store.db, teamAuthored(admin));
    const users = await usersOf(desk);
    expect(users.find((u) => u.id === before.id)).toMatchObject({ team_id: zhao.team_id, pin_hash: before.pin_hash, active: 1 });
    expect(users.find((u) => u.name === '李娜')).toMatchObject({ team_id: li.team_id, role: 'admin', active: 1 });
  });
});
