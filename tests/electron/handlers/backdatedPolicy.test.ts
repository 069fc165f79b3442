import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { refreshDueTimes } from '../../../electron/records/callRecord';
import { rebuildRollups, type TouchedDay } from '../../../electron/store/rollups';
import { defaultPolicy } from '../../../shared/policy/defaults';
import type { Policy } from '../../../shared/policy/schema';
import type { SavedPolicy } from '../../../shared/api/policy';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 10, item 6: history is judged by the rules that held then. History is
 * imported with the archive importer, then a version with China's 2026 National
 * Day (holidays 10-01…10-07, make-up working days Sunday 09-20 and Saturday
 * 10-10) is made effective from 2026-09-01, while a later version (from
 * 2026-11-15) already exists.
 */
const ZONE = 'Asia/Shanghai';
/** A local time in Shanghai (UTC+8) as epoch ms. */
const SH = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

const HEADER = ['记录编号', '日期', '来电时间', '首次接听时间', '客户称呼', '来电事由', '问题分类', '处理负责人', '处理结果', '优先级', '坐席代码', '客服', '解决时间', '告知结果时间', '结束时间', '时区'];
const row = (no: string, date: string, call: string, answer: string, priority: string, resolved: string) =>
  [no, date, `${date} ${call}`, `${date} ${answer}`, '王女士', '产品无法启动', '技术类', '技术*工', '已解决', priority, 'A03', '李娜', resolved, resolved, resolved, ZONE];
const HISTORY = [
  // Before the back-dated span: stays with version 1.
  row('CS20260831001', '2026-08-31', '10:00', '10:05', '一般', '2026-08-31 11:00'),
  // Friday before the make-up Sunday 09-20: due Wednesday 16:00 by the defaults, Tuesday 16:00 with the make-up day.
  row('CS20260918001', '2026-09-18', '16:00', '16:05', '一般', '2026-09-23 10:00'),
  // The last working day before the holidays: due Monday 10-05 17:00 by the defaults, the make-up Saturday 10-10 17:00 after.
  row('CS20260930001', '2026-09-30', '17:00', '17:05', '一般', '2026-10-09 10:00'),
  // Urgent, 2 h wall clock: the same due times under either calendar.
  row('CS20260930002', '2026-09-30', '09:30', '09:35', '紧急', '2026-09-30 10:30'),
  // In the later version's span.
  row('CS20261116001', '2026-11-16', '10:00', '10:05', '一般', '2026-11-16 15:00'),
];

function nationalDay(base: Policy): Policy {
  const holidays = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
  return { ...base, calendar: { ...base.calendar, holidays, makeUpDays: ['2026-09-20', '2026-10-10'] } };
}

const tmp = tempDir('hotline-backdate-');
let desk: TestDesk;
let laterSaved: SavedPolicy;
const TABLES = ['stats_day', 'stats_hour', 'stats_dim', 'stats_agent', 'stats_reason', 'stats_response'];
const rollups = () => TABLES.map((t) => desk.store.sqlite.prepare(`SELECT * FROM ${t} WHERE calls <> 0`).all().map((r) => JSON.stringify(r)).sort());
const call = (recordNo: string) => desk.store.db.selectFrom('calls').selectAll().where('record_no', '=', recordNo).executeTakeFirstOrThrow();
const policyCount = async () => (await desk.store.db.selectFrom('policies').select('id').execute()).length;

beforeAll(async () => {
  desk = await openTestDesk({ now: SH('2026-11-20', '12:00'), zone: ZONE });
  const file = path.join(tmp.dir, 'history.csv');
  fs.writeFileSync(file, `${[HEADER, ...HISTORY].map((r) => r.join(',')).join('\r\n')}\r\n`);
  const report = await importArchive(desk.store.db, { file, actor: '张主管', now: desk.clock.ms });
  expect(report).toMatchObject({ layout: 'archive', imported: 5, errors: [], ignoredColumns: [] });
  // A later version already in force from 2026-11-15 (a tighter general resolution).
  const later = defaultPolicy(ZONE);
  later.priorities = later.priorities.map((l) => (l.key === 'general' ? { ...l, resolution: { amount: 2, unit: 'workingDays' } } : l));
  laterSaved = await desk.ok('savePolicy', { policy: later, effectiveFrom: '2026-11-15' });
  // 2026-09-30 is signed off: its late resolution got its reason first.
  const late = await call('CS20260930001');
  await desk.ok('addMissReason', { id: late.id, kind: 'resolution', index: 0, code: 'waiting_on_department' });
  await desk.ok('signOffDay', { date: '2026-09-30' });
});
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

describe('the imported history, before the back-dated version', () => {
  it('is judged by the defaults: the call of 09-30 17:00 was due Monday 10-05 17:00 and missed it', async () => {
    expect(await call('CS20260930001')).toMatchObject({ policy_id: 1, resolution_due_at: SH('2026-10-05', '17:00'), ended_breach: 1 });
    expect(await call('CS20260918001')).toMatchObject({ policy_id: 1, resolution_due_at: SH('2026-09-23', '16:00'), ended_breach: 0 });
  });

  it('except the call of 11-16, re-judged by the later version when it was saved from 11-15 (2 working days)', async () => {
    expect(laterSaved).toMatchObject({ version: 2, recordsRejudged: 1, verdictsChanged: 0, inForceNow: true });
    expect(await call('CS20261116001')).toMatchObject({ policy_id: 2, resolution_due_at: SH('2026-11-18', '10:00') });
  });
});

describe('a back-dated policy with holidays and a make-up working day', () => {
  const policy = nationalDay(defaultPolicy(ZONE));

  it('shows first what it would change: records, due times, verdicts and signed-off days, writing nothing', async () => {
    const before = await call('CS20260930001');
    const impact = await desk.ok('previewPolicy', { policy, effectiveFrom: '2026-09-01' });
    expect(impact).toEqual({
      effectiveFrom: SH('2026-09-01', '00:00'),
      effectiveUntil: SH('2026-11-15', '00:00'),
      timeZone: ZONE,
      records: 3,
      dueTimesChanged: 2,
      verdictsChanged: 2,
      // Of the day's 2 records, only the general call changes: the urgent one (2 h wall clock) is judged the same.
      signedOffDays: [{ deskCode: 'A03', localDate: '2026-09-30', records: 1 }],
    });
    expect(await call('CS20260930001')).toEqual(before);
    expect(await policyCount()).toBe(2);
  });

  it('refuses a date in the future or one that is not a date, next to the date field', async () => {
    expect(await desk.call('savePolicy', { policy, effectiveFrom: '2026-11-21' })).toMatchObject({ ok: false, error: { code: 'effective_from_future', field: 'effectiveFrom' } });
    expect(await desk.call('previewPolicy', { policy, effectiveFrom: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'effective_from_invalid', field: 'effectiveFrom' } });
    expect(await desk.call('savePolicy', { policy, effectiveFrom: '1.9.2026' })).toMatchObject({ ok: false, error: { code: 'effective_from_invalid', field: 'effectiveFrom' } });
    expect(await policyCount()).toBe(2);
  });

  it('does not change a signed-off day without a reason', async () => {
    const before = await call('CS20260930001');
    const refused = await desk.call('savePolicy', { policy, effectiveFrom: '2026-09-01' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'archived_needs_reason', field: 'reason', problems: ['2026-09-30'] } });
    expect(await call('CS20260930001')).toEqual(before);
    expect(await policyCount()).toBe(2);
    expect(await desk.ok('policyHistory', {})).toHaveLength(2);
  });

  it('re-judges the history of its span with a reason: the 09-30 17:00 general call is due on the make-up Saturday 10-10 17:00', async () => {
    const saved = await desk.ok('savePolicy', { policy, effectiveFrom: '2026-09-01', reason: '补录国庆调休安排' });
    expect(saved).toMatchObject({ version: 3, effectiveFrom: SH('2026-09-01', '00:00'), recordsRejudged: 3, verdictsChanged: 2, inForceNow: false });
    expect(saved.signedOffDays).toEqual([{ deskCode: 'A03', localDate: '2026-09-30', records: 1 }]);

    expect(await call('CS20260930001')).toMatchObject({ policy_id: 3, resolution_due_at: SH('2026-10-10', '17:00'), ended_breach: 0, next_due_at: null });
    // The make-up Sunday counts too: due a day earlier, so the Wednesday resolution is now late.
    expect(await call('CS20260918001')).toMatchObject({ policy_id: 3, resolution_due_at: SH('2026-09-22', '16:00'), ended_breach: 1 });
    expect(await call('CS20260930002')).toMatchObject({ policy_id: 3, resolution_due_at: SH('2026-09-30', '11:30') });
  });

  it('leaves what lies outside its span as it was: before it, and the later version’s span', async () => {
    expect(await call('CS20260831001')).toMatchObject({ policy_id: 1 });
    expect(await call('CS20261116001')).toMatchObject({ policy_id: 2, resolution_due_at: SH('2026-11-18', '10:00') });
  });

  it('stores exactly what the app’s own per-record refresh gives', async () => {
    const rows = await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute();
    for (const r of rows) await refreshDueTimes(desk.store.db, r.id, desk.clock.ms);
    expect(await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute()).toEqual(rows);
  });

  it('keeps the statistics exact: the rollups equal a full rebuild from the calls', async () => {
    const kept = rollups();
    const days = desk.store.sqlite.prepare('SELECT DISTINCT desk_code, local_date FROM calls').all() as TouchedDay[];
    desk.store.sqlite.exec('BEGIN IMMEDIATE');
    try {
      rebuildRollups(desk.store.sqlite, days);
      expect(rollups()).toEqual(kept);
    } finally {
      desk.store.sqlite.exec('ROLLBACK');
    }
    const day = desk.store.sqlite.prepare("SELECT resolved_in_target, ended_breach FROM stats_day WHERE local_date = '2026-09-30'").get();
    expect(day).toEqual({ resolved_in_target: 2, ended_breach: 0 });
  });

  it('gives each changed record audit rows as data (version numbers, epoch due times, 1/0), with the admin\'s reason', async () => {
    const { id } = await call('CS20260930001');
    const audit = await desk.ok('getAudit', { id });
    const why = '补录国庆调休安排';
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'policy', oldValue: '1', newValue: '3', actor: '李娜', reason: why }),
        expect.objectContaining({ field: 'resolutionDue', oldValue: String(SH('2026-10-05', '17:00')), newValue: String(SH('2026-10-10', '17:00')), reason: why }),
        expect.objectContaining({ field: 'missedTarget', oldValue: '1', newValue: '0', reason: why }),
      ]),
    );
    const untouched = await call('CS20260831001');
    expect((await desk.ok('getAudit', { id: untouched.id })).filter((a) => a.field === 'policy')).toEqual([]);
  });

  it('writes the policy trail: who, when, from when, why, how many re-judged, which signed-off days', async () => {
    const trail = await desk.ok('policyHistory', {});
    expect(trail.map((e) => e.version)).toEqual([3, 2, 1]);
    expect(trail[0]).toEqual({
      version: 3,
      actor: '李娜',
      at: desk.clock.ms,
      source: 'screen',
      effectiveFrom: SH('2026-09-01', '00:00'),
      effectiveUntil: SH('2026-11-15', '00:00'),
      timeZone: ZONE,
      reason: '补录国庆调休安排',
      recordsRejudged: 3,
      verdictsChanged: 2,
      signedOffDays: [{ deskCode: 'A03', localDate: '2026-09-30' }],
      completed: true,
    });
    expect(trail[1]).toMatchObject({ version: 2, effectiveFrom: SH('2026-11-15', '00:00'), effectiveUntil: null, recordsRejudged: 1, signedOffDays: [], reason: null });
    expect(trail[2]).toMatchObject({ version: 1, source: 'defaults', effectiveFrom: 0 });
    // The trail is append-only once complete.
    expect(() => desk.store.sqlite.prepare('UPDATE policy_audit SET reason = NULL').run()).toThrow(/never changes/);
    expect(() => desk.store.sqlite.prepare('DELETE FROM policy_audit').run()).toThrow(/append-only/);
  });

  it('"current" is the version in force now, and new calls take the version in force at their call time', async () => {
    expect(await desk.ok('getPolicy', {})).toMatchObject({ version: 2 });
    const now = await desk.ok('startCall', {});
    expect(now.policyVersion).toBe(2);
    const late = await desk.ok('startCall', { at: '2026-10-09 10:00' });
    expect(late.policyVersion).toBe(3);
  });

  it('from today: the calls of today take it, and a phone number in the reason is masked wherever the reason is kept', async () => {
    const today = await desk.ok('startCall', {});
    const saved = await desk.ok('savePolicy', { policy: defaultPolicy(ZONE), effectiveFrom: '2026-11-20', reason: '客户13800138000来电后补录' });
    expect(saved).toMatchObject({ version: 4, effectiveFrom: SH('2026-11-20', '00:00'), inForceNow: true });
    expect(saved.recordsRejudged).toBeGreaterThanOrEqual(1);
    expect((await desk.ok('getCall', { id: today.id })).policyVersion).toBe(4);
    expect((await desk.ok('policyHistory', {}))[0]).toMatchObject({ version: 4, reason: '客户****8000来电后补录' });
    const audit = await desk.ok('getAudit', { id: today.id });
    expect(audit.find((a) => a.field === 'policy')).toMatchObject({ newValue: '4', reason: '客户****8000来电后补录' });
  });
});
