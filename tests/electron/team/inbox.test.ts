import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboxApplier } from '../../../electron/handlers/teamInbox';
import { applyInbox } from '../../../electron/team/inbox';
import { joinTeam } from '../../../electron/team/join';
import { syncWithTeam } from '../../../electron/team/sync';
import { teamStatusOf } from '../../../electron/team/status';
import { connectTeam, type TeamConnection } from '../../../electron/teamStore/connect';
import { leadInbox } from '../../../electron/teamStore/inboxApi';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// A lead changes another desk's record through the team inbox: the owning desk
// applies it through its own records core (rules, audit), and pushes it back.
const APP = '0.1.0';

let cluster: PgCluster;
let lead: TeamConnection;
beforeAll(async () => {
  cluster = await startTeamServer();
  lead = connectTeam((await addTeamLogin(cluster.superUrl, 'lead', 'zhao')).url, { kind: 'lead' });
}, 120_000);
afterAll(async () => {
  await lead?.close();
  await cluster?.stop();
});
const opened: TestDesk[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

/** Desk B joined, with a call whose response target was missed and has no reason yet. */
async function deskB(code: string) {
  const b = await openTestDesk({ code });
  opened.push(b);
  const url = (await addTeamLogin(cluster.superUrl, 'desk', code)).url;
  const late = await callAtStage(b, 'breached', { missReason: null });
  await joinTeam(b.store, url, { appVersion: APP });
  return { b, url, late };
}

/** Runs desk B's sync (the worker's loop) with its applier (the request path) until `done` holds. */
async function syncUntil(b: TestDesk, url: string, done: () => Promise<boolean>) {
  const stop = new AbortController();
  const apply = inboxApplier({ db: b.store.db, now: b.clock.now });
  let applying: Promise<unknown> = Promise.resolve();
  const running = syncWithTeam(b.store, {
    url,
    appVersion: APP,
    signal: stop.signal,
    pacing: { idleMs: 20, backoffMs: 50, maxBackoffMs: 200 },
    inboxEveryMs: 50,
    onInboxEntries: () => void (applying = applying.then(() => applyInbox(b.store.db, apply, b.clock.now))),
  });
  try {
    for (let i = 0; i < 400 && !(await done()); i++) await new Promise((r) => setTimeout(r, 25));
  } finally {
    stop.abort();
    await running;
    await applying;
  }
  expect(await done()).toBe(true);
}

const entryOf = async (id: number) => (await leadInbox(lead).list()).find((e) => e.id === id)!;

describe('the team inbox', { timeout: 60_000 }, () => {
  it("a lead's miss reason for desk B arrives at desk B, is applied under the lead's login name (not the name it typed) with an audit row, and comes back to the server", async () => {
    const { b, url, late } = await deskB('IB1');
    const id = await leadInbox(lead).send({ deskCode: 'IB1', recordNo: late.recordNo, method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'overload', text: '高峰时段' }, createdBy: '赵组长' });
    // The server names the lead from its login (hotline_lead_zhao), whatever it typed; the typed name is kept beside it.
    expect(await entryOf(id)).toMatchObject({ applied_at: null, refusal: null, created_by: 'zhao' });
    expect(await asSuperuser(cluster, async (c) => (await c.query('SELECT created_by, created_by_role, typed_by FROM hotline_team.inbox WHERE id = $1', [id])).rows)).toEqual([
      { created_by: 'zhao', created_by_role: 'hotline_lead_zhao', typed_by: '赵组长' },
    ]);

    await syncUntil(b, url, async () => (await entryOf(id)).applied_at !== null && ((await teamStatusOf(b.store.db)) as { waiting: number }).waiting === 0);

    expect((await entryOf(id)).refusal).toBeNull();
    const local = await b.ok('getCall', { id: late.id });
    expect(local.missReasons).toEqual([expect.objectContaining({ kind: 'response', index: 0, code: 'overload', text: '高峰时段', author: 'zhao' })]);
    const audit = await b.ok('getAudit', { id: late.id });
    expect(audit.some((a) => a.actor === 'zhao' && a.field.startsWith('missReason'))).toBe(true);
    expect(audit.some((a) => a.actor === '赵组长')).toBe(false);
    const entry = await entryOf(id);
    expect(entry).toMatchObject({ refusal: null, applied_seq: expect.any(Number) });
    const onServer = await asSuperuser(cluster, async (c) => ({
      reasons: (await c.query("SELECT code, text, author FROM hotline_team.miss_reasons WHERE desk_code = 'IB1' AND record_no = $1", [late.recordNo])).rows,
      seq: (await c.query("SELECT change_seq FROM hotline_team.calls WHERE desk_code = 'IB1' AND record_no = $1", [late.recordNo])).rows[0].change_seq as number,
    }));
    expect(onServer.reasons).toEqual([{ code: 'overload', text: '高峰时段', author: 'zhao' }]);
    // The server has the push that carried the change: its mark is at least the one the desk reported.
    expect(onServer.seq).toBeGreaterThanOrEqual(entry.applied_seq!);
  });

  it('a change the desk refuses (the target was not missed) is refused with its reason, and the lead sees why; the queue goes on', async () => {
    const { b, url, late } = await deskB('IB2');
    const refused = await leadInbox(lead).send({ deskCode: 'IB2', recordNo: late.recordNo, method: 'addMissReason', payload: { kind: 'resolution', index: 0, code: 'overload' }, createdBy: '赵组长' });
    const unknown = await leadInbox(lead).send({ deskCode: 'IB2', recordNo: 'CS20990101001', method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'overload' }, createdBy: '赵组长' });
    const fine = await leadInbox(lead).send({ deskCode: 'IB2', recordNo: late.recordNo, method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'system_fault' }, createdBy: '赵组长' });
    await syncUntil(b, url, async () => (await entryOf(fine)).applied_at !== null);
    expect((await entryOf(refused)).refusal).toBe('invalid_request: That target was not missed, so it needs no reason.');
    expect((await entryOf(unknown)).refusal).toBe('not_found: there is no record CS20990101001 at desk IB2');
    expect((await entryOf(fine)).refusal).toBeNull();
  });

  it("a lead's change racing the desk's own edit of the same record: both are kept, neither overwrites the other", async () => {
    const { b, url, late } = await deskB('IB3');
    const id = await leadInbox(lead).send({ deskCode: 'IB3', recordNo: late.recordNo, method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'overload' }, createdBy: '赵组长' });
    // The desk edits the record before it has seen the entry.
    await b.ok('addStep', { id: late.id, text: '客户要求回电' });
    await syncUntil(b, url, async () => (await entryOf(id)).applied_at !== null && ((await teamStatusOf(b.store.db)) as { waiting: number }).waiting === 0);
    const steps = await asSuperuser(cluster, async (c) => (await c.query("SELECT text FROM hotline_team.steps WHERE desk_code = 'IB3' AND record_no = $1", [late.recordNo])).rows);
    const reasons = await asSuperuser(cluster, async (c) => (await c.query("SELECT author FROM hotline_team.miss_reasons WHERE desk_code = 'IB3' AND record_no = $1", [late.recordNo])).rows);
    expect(steps).toEqual([{ text: '客户要求回电' }]);
    expect(reasons).toEqual([{ author: 'zhao' }]);
  });

  it("desk A's login cannot read desk B's inbox, nor mark B's entries", async () => {
    await deskB('IB4');
    const id = await leadInbox(lead).send({ deskCode: 'IB4', recordNo: 'CS20240520001', method: 'addMissReason', payload: {}, createdBy: '赵组长' });
    const a = connectTeam((await addTeamLogin(cluster.superUrl, 'desk', 'IA4')).url, { kind: 'desk' });
    try {
      expect((await a.query('SELECT id FROM hotline_team.inbox WHERE id = $1', [id])).rows).toEqual([]);
      expect((await a.query("UPDATE hotline_team.inbox SET refusal = 'no' WHERE id = $1", [id])).rowCount).toBe(0);
    } finally {
      await a.close();
    }
    expect((await entryOf(id)).refusal).toBeNull();
  });

  it('applies an entry once: a second apply of the same entry (a crash after the change, before the applier went on) changes nothing', async () => {
    const { b, url, late } = await deskB('IB5');
    const id = await leadInbox(lead).send({ deskCode: 'IB5', recordNo: late.recordNo, method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'overload' }, createdBy: '赵组长' });
    await syncUntil(b, url, async () => (await entryOf(id)).applied_at !== null);
    const audit = await b.ok('getAudit', { id: late.id });
    // The same request again, as the entry's lead: refused, since its entry is settled.
    const again = await inboxApplier({ db: b.store.db, now: b.clock.now })('addMissReason', { kind: 'response', index: 0, code: 'system_fault', id: late.id }, { name: '赵组长', entry: id });
    expect(again).toMatchObject({ ok: false, error: { message: `Team inbox entry ${id} was applied or refused already.` } });
    expect(await b.ok('getAudit', { id: late.id })).toEqual(audit);
    expect((await entryOf(id)).refusal).toBeNull();
  });
});

