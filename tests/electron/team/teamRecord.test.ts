import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/api/archive';
import { inboxApplier } from '../../../electron/handlers/teamInbox';
import { applyInbox } from '../../../electron/team/inbox';
import { joinTeam } from '../../../electron/team/join';
import { openTeamScope, type TeamScope } from '../../../electron/team/scope';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { callAtStage } from '../../helpers/callAtStage';
import { openDeskWithRecords, type StaffedDesk } from '../../helpers/deskWithRecords';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer } from '../../helpers/teamServer';
import { caughtUp, startSync, TEST_APP_VERSION, waitFor } from '../../helpers/teamSync';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

// A lead opens another desk's record from team scope (as the server holds it), acts on
// it through the team inbox, sees "pending at desk B" until desk B has applied it, and
// exports team scope from Review through the desk's own export job.

let cluster: PgCluster;
let leadUrl: string;
let lead: StaffedDesk;
let scope: TeamScope;
const folder = tempDir('hotline-team-record-');
const opened: TestDesk[] = [];

beforeAll(async () => {
  cluster = await startTeamServer();
  leadUrl = (await addTeamLogin(cluster.superUrl, 'lead', 'zhao')).url;
  lead = await openDeskWithRecords({ agent: '王芳', lead: '赵组长', signedIn: 'lead' });
  scope = openTeamScope(leadUrl);
  lead.ctx.team = scope;
}, 120_000);
afterAll(async () => {
  await scope?.close();
  await lead?.close();
  await cluster?.stop();
  folder.remove();
});
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

/** Desk `code` joined, with a call whose response target was missed and has no reason yet, and one handed to a follow-up owner. */
async function deskB(code: string) {
  const b = await openTestDesk({ code });
  opened.push(b);
  const url = (await addTeamLogin(cluster.superUrl, 'desk', code)).url;
  const late = await callAtStage(b, 'breached', { missReason: null, fields: { reason: '宽带断网' } });
  const owed = await callAtStage(b, 'closed', { result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: '王工' });
  await joinTeam(b.store, url, { appVersion: TEST_APP_VERSION });
  // The lead reads at the desk's moment: the miss has happened, the follow-up is still owed.
  lead.clock.ms = b.clock.ms;
  return { b, url, late, owed };
}

/** Desk B's sync (the worker's loop) with its applier (the request path), until `done` holds. */
async function syncUntil(b: TestDesk, url: string, done: () => Promise<boolean>) {
  const apply = inboxApplier({ db: b.store.db, now: b.clock.now });
  let applying: Promise<unknown> = Promise.resolve();
  const sync = startSync(b, url, { inboxEveryMs: 50, onInboxEntries: () => void (applying = applying.then(() => applyInbox(b.store.db, apply, b.clock.now))) });
  try {
    expect(await waitFor(done)).toBe(true);
  } finally {
    await sync.stop();
    await applying;
  }
}

describe("another desk's record in team scope", { timeout: 60_000 }, () => {
  it('opens as the server holds it: its fields, moments, miss reasons and audit trail, named by its desk', async () => {
    const { b, late } = await deskB('RB1');
    const view = await lead.ok('teamRecord', { deskCode: 'RB1', recordNo: late.recordNo });
    const own = await b.ok('getCall', { id: late.id });
    expect(view.record).toEqual({ ...own, id: 0, policyVersion: null });
    expect(view.audit).toEqual(await b.ok('getAudit', { id: late.id }));
    expect(view.audit.length).toBeGreaterThan(0);
    expect(view.inbox).toEqual([]);
    expect(view.changedAfterSignOff).toBe(false);
    expect(await lead.call('teamRecord', { deskCode: 'RB1', recordNo: 'CS20990101001' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('is for leads and admins only, and only where a lead\u2019s URL is kept', async () => {
    const { late } = await deskB('RB2');
    await lead.signInAs('agent');
    try {
      expect(await lead.call('teamRecord', { deskCode: 'RB2', recordNo: late.recordNo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await lead.call('sendToDesk', { deskCode: 'RB2', recordNo: late.recordNo, change: { method: 'addMissReason', kind: 'response', index: 0, code: 'overload' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await lead.signInAs('lead');
    }
    delete lead.ctx.team;
    try {
      expect(await lead.call('teamRecord', { deskCode: 'RB2', recordNo: late.recordNo })).toMatchObject({ ok: false, error: { refusal: { code: 'team_scope_unavailable' } } });
    } finally {
      lead.ctx.team = scope;
    }
  });

  it("a lead's miss reason is pending at desk B, then applied there under the lead's name; a bad one is refused next to its field and sends nothing", async () => {
    const { b, url, late } = await deskB('RB3');
    const change = { method: 'addMissReason', kind: 'response', index: 0 } as const;
    const other = await lead.call('sendToDesk', { deskCode: 'RB3', recordNo: late.recordNo, change: { ...change, code: 'other' } });
    expect(other).toMatchObject({ ok: false, error: { field: 'missReason-response-0', refusal: { code: 'other_reason_required' } } });
    const notMissed = await lead.call('sendToDesk', { deskCode: 'RB3', recordNo: late.recordNo, change: { ...change, kind: 'resolution', code: 'overload' } });
    expect(notMissed).toMatchObject({ ok: false, error: { field: 'missReason-resolution-0', refusal: { code: 'target_not_missed' } } });
    expect((await lead.ok('teamRecord', { deskCode: 'RB3', recordNo: late.recordNo })).inbox).toEqual([]);

    const sent = await lead.ok('sendToDesk', { deskCode: 'RB3', recordNo: late.recordNo, change: { ...change, code: 'overload', text: '高峰时段' } });
    // Sent by the lead's login as the server knows it (hotline_lead_zhao), never by a name the app could type.
    expect(sent.inbox).toEqual([expect.objectContaining({ method: 'addMissReason', kind: 'response', code: 'overload', text: '高峰时段', createdBy: 'zhao', state: 'pending', refusal: null })]);
    expect(sent.record.missReasons).toEqual([]);

    const read = () => lead.ok('teamRecord', { deskCode: 'RB3', recordNo: late.recordNo });
    await syncUntil(b, url, async () => (await read()).inbox[0]!.state === 'applied' && (await caughtUp(b)));
    const after = await read();
    expect(after.record.missReasons).toEqual([expect.objectContaining({ kind: 'response', index: 0, code: 'overload', text: '高峰时段', author: 'zhao' })]);
    expect(after.audit.some((a) => a.actor === 'zhao' && a.field.startsWith('missReason'))).toBe(true);
  });

  it('a follow-up completed by the lead is applied at desk B; one the desk refuses says why', async () => {
    const { b, url, late, owed } = await deskB('RB4');
    const done = await lead.ok('sendToDesk', { deskCode: 'RB4', recordNo: owed.recordNo, change: { method: 'completeFollowUp', kind: 'resolution', outcome: '已上门修复' } });
    expect(done.inbox).toEqual([expect.objectContaining({ method: 'completeFollowUp', kind: 'resolution', text: '已上门修复', state: 'pending' })]);
    const empty = await lead.call('sendToDesk', { deskCode: 'RB4', recordNo: owed.recordNo, change: { method: 'completeFollowUp', kind: 'callback', outcome: '  ' } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'outcome_required', field: 'outcome-callback' } });
    // The desk's copy has moved on since the server's: the reason was given there, so the lead's is refused.
    await lead.ok('sendToDesk', { deskCode: 'RB4', recordNo: late.recordNo, change: { method: 'addMissReason', kind: 'response', index: 0, code: 'overload' } });
    await b.ok('voidCall', { id: late.id, reason: '重复记录' });

    const read = (no: string) => lead.ok('teamRecord', { deskCode: 'RB4', recordNo: no });
    await syncUntil(b, url, async () => (await read(owed.recordNo)).inbox[0]!.state === 'applied' && (await read(late.recordNo)).inbox[0]!.state !== 'pending' && (await caughtUp(b)));
    const resolved = await read(owed.recordNo);
    expect(resolved.record).toMatchObject({ result: 'resolved', resolvedAt: expect.any(Number) });
    expect(resolved.record.steps.at(-1)).toMatchObject({ author: 'zhao' });
    const refused = (await read(late.recordNo)).inbox[0]!;
    expect(refused).toMatchObject({ state: 'refused', refusal: expect.stringMatching(/void/i) });
  });

  it("exports team scope from Review: the team's records of the period, through the export job, read back by openpyxl", async () => {
    const { late, owed } = await deskB('RB5');
    const file = path.join(folder.dir, 'team.xlsx');
    lead.ctx.files = { exportTarget: async () => ({ file, download: false }), importSource: async () => null };
    const range = { from: late.localDate, to: late.localDate };
    let job = (await lead.ok('startExport', { ...range, scope: 'team', deskCode: 'RB5', format: 'xlsx', lang: 'zh' })) as ExportJob;
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 25));
      job = await lead.ok('exportStatus', { job: job.job });
    }
    expect(job).toMatchObject({ state: 'done', rows: 2 });
    const out = execFileSync('/usr/bin/python3', ['tests/electron/archive/read_xlsx.py', file, '10'], { encoding: 'utf8' });
    const sheet = (JSON.parse(out) as { sheets: Array<{ rows: Array<Array<{ v: unknown }>> }> }).sheets[0]!;
    const cells = sheet.rows.flat().map((c) => c.v);
    expect(cells).toContain(late.recordNo);
    expect(cells).toContain(owed.recordNo);
    expect(fs.existsSync(file)).toBe(true);
    // The desk's own scope has none of them: the team's export is not this desk's.
    expect(await lead.call('startExport', { ...range, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'nothing_to_export' } });
    expect(await lead.call('startExport', { ...range, scope: 'team', deskCode: 'NONE', format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'nothing_to_export' } });
  });
});
