import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { importArchive } from '../../../electron/archive/import';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { importReasonText } from '../../../shared/i18n/importReasons';
import { evaluateTargets } from '../../../shared/timing/compliance';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Trial 10, finding 3: imported history got targets its sheet never tracked and
 * read as failures hundreds of days old — seed 000's complaints "callback overdue
 * 943 days", seed 004's unsatisfied customer "team-lead follow-up overdue 1130
 * days", in Follow-ups, in the statistics, blocking sign-off. Such targets are
 * stored as not tracked and judged n/a.
 */

const SEEDS = path.resolve('tests/fixtures/seeds');
const ZONE = 'Asia/Shanghai';
/** 2026-12-01 12:00 in Shanghai: years after the seeds' calls, as in the trial. */
const NOW = Date.UTC(2026, 11, 1, 4, 0);
const tmp = tempDir('hotline-untracked-');
afterAll(() => tmp.remove());

function variant(seed: string, name: string, edit: (text: string) => string): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(SEEDS, seed), 'utf8')));
  return file;
}
/** Seed 000 with its first row a complaint the file says met both targets (是/是), the second as printed (missed both). */
const tracking = () => variant('seed000-tracking.csv', 'complaints.csv', (t) => t.replace('VIP客户,技术故障', 'VIP客户,服务投诉'));
/** Seed 004's first row, the customer unsatisfied: a team-lead follow-up the sheet has no column for. */
const response = () => variant('seed004-response.csv', 'unsatisfied.csv', (t) => t.replace(',满意,"2023', ',不满意,"2023'));

async function deskWith(file: string): Promise<{ desk: TestDesk; report: Awaited<ReturnType<typeof importArchive>> }> {
  const desk = await openTestDesk({ file: path.join(tmp.dir, `desk-${Math.random().toString(36).slice(2)}.db`), now: NOW, zone: ZONE });
  const report = await importArchive(desk.store.db, { file, actor: '张主管', now: NOW, deskCode: 'A03', timeZone: ZONE });
  expect(report.errors).toEqual([]);
  return { desk, report };
}
const stateOf = async (desk: TestDesk, recordNo: string, kind: string) => {
  const row = await desk.store.db.selectFrom('calls').select('id').where('record_no', '=', recordNo).executeTakeFirstOrThrow();
  const record = await desk.ok('getCall', { id: row.id });
  return evaluateTargets(record.timing, defaultPolicy(ZONE), NOW).find((t) => t.kind === kind)?.state;
};

describe('targets a sheet cannot record', () => {
  it('seed 000: a complaint has no callback target (no callback column), so the 是/是 row is not a breach; the note says why', async () => {
    const { desk, report } = await deskWith(tracking());
    const note = report.notes.find((n) => n.code === 'targets_not_tracked')!;
    expect(note).toMatchObject({ row: 0, params: { targets: 'progressUpdate,callback,leadFollowUp' } });
    expect(importReasonText('zh', note)).toContain('进展同步、回访、主管跟进');
    expect(await stateOf(desk, 'CS20240501001', 'callback')).toBe('na');
    expect(await stateOf(desk, 'CS20240501002', 'callback')).toBe('na');
    expect(await stateOf(desk, 'CS20240501001', 'response')).toBe('met');
    expect(await desk.store.db.selectFrom('calls').select(['record_no', 'callback_due_at', 'ended_breach', 'next_due_at']).orderBy('record_no').execute()).toEqual([
      { record_no: 'CS20240501001', callback_due_at: null, ended_breach: 0, next_due_at: null },
      { record_no: 'CS20240501002', callback_due_at: null, ended_breach: 1, next_due_at: null },
    ]);
    // One record of two missed a target it was tracked on: 50 per 100, not 100.
    const stats = await desk.ok('getStats', { from: '2024-05-01', to: '2024-05-02' });
    expect(stats.kpis.breachesPer100).toBe(50);
    expect(await desk.ok('listFollowUps', {})).toEqual([]);
    await desk.close();
  });

  it('seed 004: an unsatisfied customer has no team-lead follow-up due; its callback (回访情况) is still judged', async () => {
    const { desk } = await deskWith(response());
    expect(await stateOf(desk, 'CS20231027001', 'leadFollowUp')).toBe('na');
    expect(await stateOf(desk, 'CS20231027001', 'callback')).toBe('met');
    expect((await desk.ok('getStats', { from: '2023-10-27', to: '2023-10-27' })).kpis.breachesPer100).toBe(0);
    expect(await desk.ok('listFollowUps', {})).toEqual([]);
    expect((await desk.ok('dayStatus', { date: '2023-10-27' })).blockers).toEqual([]);
    await desk.close();
  });

  it('stay n/a when a back-dated policy re-judges the history', async () => {
    const { desk } = await deskWith(response());
    await desk.ok('savePolicy', { policy: { ...defaultPolicy(ZONE), leadFollowUpWithin: { amount: 1, unit: 'hours' } }, effectiveFrom: '2023-01-01' });
    const call = await desk.store.db.selectFrom('calls').select(['policy_id', 'lead_due_at', 'untracked_targets']).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ lead_due_at: null, untracked_targets: 'progressUpdate,leadFollowUp' });
    expect(call.policy_id).not.toBe(1);
    expect(await stateOf(desk, 'CS20231027001', 'leadFollowUp')).toBe('na');
    await desk.close();
  });

  it('travel with an export: the copy imported elsewhere does not track them either', async () => {
    const { desk } = await deskWith(tracking());
    const csv = path.join(tmp.dir, 'copy.csv');
    await exportArchive(desk.store.db, { filter: { from: '2024-05-01', to: '2024-05-02' }, format: 'csv', lang: 'zh', file: csv, now: NOW });
    expect(fs.readFileSync(csv, 'utf8')).toContain('进展同步、回访、主管跟进');
    const copy = await openTestDesk({ file: path.join(tmp.dir, 'copy.db'), now: NOW, zone: ZONE });
    expect(await importArchive(copy.store.db, { file: csv, actor: '张主管', now: NOW })).toMatchObject({ layout: 'archive', imported: 2, errors: [] });
    const untracked = (d: TestDesk) => d.store.db.selectFrom('calls').select(['record_no', 'untracked_targets', 'callback_due_at']).orderBy('record_no').execute();
    expect(await untracked(copy)).toEqual(await untracked(desk));
    expect(await stateOf(copy, 'CS20240501001', 'callback')).toBe('na');
    await desk.close();
    await copy.close();
  });

  it('leave calls logged at the desk tracked on every target', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'live.db') });
    const live = await callAtStage(desk, 'closed', { fields: { requestType: 'complaint' } });
    const record = await desk.ok('getCall', { id: live.id });
    expect(record.timing.untracked).toEqual([]);
    expect((await desk.ok('listFollowUps', {})).map((i) => i.kind)).toContain('callback');
    await desk.close();
  });
});
