import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { defaultPolicy } from '../../../shared/policy/defaults';
import type { Policy } from '../../../shared/policy/schema';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Trial 10 finding 17: a back-dated version asks for a reason only when a
 * signed-off day's records really change (a due time or a verdict), not when
 * they merely take its version number; and a signed-off day a later version
 * changed says so on its card.
 */
const ZONE = 'Asia/Shanghai';
const SH = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const HEADER = ['记录编号', '日期', '来电时间', '首次接听时间', '客户称呼', '来电事由', '处理结果', '优先级', '坐席代码', '客服', '解决时间', '告知结果时间', '结束时间', '时区'];
const row = (no: string, date: string, call: string, priority: string, resolved: string) =>
  [no, date, `${date} ${call}`, `${date} ${call.replace(/:00$/, ':05')}`, '王女士', '产品无法启动', '已解决', priority, 'A03', '李娜', resolved, resolved, resolved, ZONE];

/** 2026's National Day: a working-days target across it moves, a 2-hour wall-clock one does not. */
function nationalDay(base: Policy): Policy {
  const holidays = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
  return { ...base, calendar: { ...base.calendar, holidays, makeUpDays: ['2026-09-20', '2026-10-10'] } };
}

const tmp = tempDir('hotline-signed-off-rejudge-');
let desk: TestDesk;

beforeAll(async () => {
  desk = await openTestDesk({ now: SH('2026-11-20', '12:00'), zone: ZONE });
  const file = path.join(tmp.dir, 'history.csv');
  const rows = [
    // Signed off: urgent, 2 h wall clock, resolved in time: the same due times under either calendar.
    row('CS20260929001', '2026-09-29', '09:00', '紧急', '2026-09-29 10:00'),
    // Signed off: general, 3 working days from 09-30 17:00: due 10-05 by the defaults, the make-up Saturday 10-10 after.
    row('CS20260930001', '2026-09-30', '17:00', '一般', '2026-10-02 10:00'),
  ];
  fs.writeFileSync(file, `${[HEADER, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);
  expect(await importArchive(desk.store.db, { file, actor: '张主管', now: desk.clock.ms })).toMatchObject({ imported: 2, errors: [] });
  await desk.ok('signOffDay', { date: '2026-09-29' });
  await desk.ok('signOffDay', { date: '2026-09-30' });
});
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

describe('a back-dated version over signed-off days', () => {
  it('needs no reason when the signed-off records only take its version number', async () => {
    // From 09-29 until 09-30 00:00, where version 2 starts: only the urgent call, judged the same.
    desk.clock.ms += 60_000;
    // The defaults again, from 09-30: both days' records take a new version, judged the same, so no reason is asked.
    const later = await desk.ok('savePolicy', { policy: defaultPolicy(ZONE), effectiveFrom: '2026-09-30' });
    expect(later).toMatchObject({ recordsRejudged: 1, verdictsChanged: 0, signedOffDays: [] });
    const preview = await desk.ok('previewPolicy', { policy: nationalDay(defaultPolicy(ZONE)), effectiveFrom: '2026-09-29' });
    expect(preview).toMatchObject({ records: 1, dueTimesChanged: 0, verdictsChanged: 0, signedOffDays: [] });
    const saved = await desk.ok('savePolicy', { policy: nationalDay(defaultPolicy(ZONE)), effectiveFrom: '2026-09-29' });
    expect(saved).toMatchObject({ recordsRejudged: 1, verdictsChanged: 0, signedOffDays: [] });
    const urgent = await desk.store.db.selectFrom('calls').select(['id', 'policy_id']).where('record_no', '=', 'CS20260929001').executeTakeFirstOrThrow();
    expect(urgent.policy_id).toBe(saved.version);
    // Its card names no re-judge: nothing it was signed off with changed.
    expect((await desk.ok('dayStatus', { date: '2026-09-29' })).rejudgedAfter).toEqual([]);
  });

  it('is refused without a reason when a signed-off record gets another due time, and lists only that day', async () => {
    const preview = await desk.ok('previewPolicy', { policy: nationalDay(defaultPolicy(ZONE)), effectiveFrom: '2026-09-30' });
    expect(preview.signedOffDays).toEqual([{ deskCode: 'A03', localDate: '2026-09-30', records: 1 }]);
    expect(await desk.call('savePolicy', { policy: nationalDay(defaultPolicy(ZONE)), effectiveFrom: '2026-09-30' })).toMatchObject({
      ok: false,
      error: { code: 'archived_needs_reason', field: 'reason' },
    });
    const saved = await desk.ok('savePolicy', { policy: nationalDay(defaultPolicy(ZONE)), effectiveFrom: '2026-09-30', reason: '补录国庆调休安排' });
    expect(saved.signedOffDays).toEqual([{ deskCode: 'A03', localDate: '2026-09-30', records: 1 }]);
  });

  it('says on the signed-off day’s card which later versions re-judged it, when, and why', async () => {
    const status = await desk.ok('dayStatus', { date: '2026-09-30' });
    expect(status.signedOff).not.toBeNull();
    // Version 2 gave it a new version number only: not listed.
    expect(status.rejudgedAfter).toEqual([
      { version: 4, at: desk.clock.ms, actor: '李娜', effectiveFrom: SH('2026-09-30', '00:00'), records: 1, reason: '补录国庆调休安排' },
    ]);
  });
});
