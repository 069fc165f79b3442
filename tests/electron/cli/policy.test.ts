import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { defaultPolicy, FOUR_LEVELS } from '../../../shared/policy/defaults';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

const tmp = tempDir();
let cli = '';

/** The real `hotline` CLI as a child process. */
const hotline = (...args: string[]) => runCli(cli, args);

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
});
afterAll(() => tmp.remove());

describe('hotline policy', () => {
  it('exports one desk’s policy and imports it into another, as a new version', async () => {
    const a = await openTestDesk({ file: path.join(tmp.dir, 'a.db') });
    const b = await openTestDesk({ file: path.join(tmp.dir, 'b.db') });
    const tightened = { ...(await a.ok('getPolicy', {})).policy, priorities: FOUR_LEVELS, defaultPriority: 'medium' };
    await a.ok('savePolicy', { policy: tightened });
    await a.store.close();
    await b.store.close();

    const file = path.join(tmp.dir, 'policy.json');
    expect((await hotline('policy', 'export', file, '--db', a.file)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(tightened);
    const imported = await hotline('policy', 'import', file, '--db', b.file);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('Policy version 2 is now in force') });
    const stdout = (await hotline('policy', 'export', '--db', b.file)).stdout;
    expect(JSON.parse(stdout)).toEqual(tightened);
  });

  it('refuses a bad file with every problem listed, and keeps the current policy', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'c.db') });
    const policy = (await desk.ok('getPolicy', {})).policy;
    await desk.store.close();
    const bad = path.join(tmp.dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...policy, warningAt: 2, lowScoreAtMost: 9, calendar: { ...policy.calendar, timeZone: 'Nowhere/Town' } }));
    const result = await hotline('policy', 'import', bad, '--db', desk.file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('was refused; the current policy stays');
    expect(result.stderr).toMatch(/- warningAt:/);
    expect(result.stderr).toMatch(/- lowScoreAtMost:/);
    expect(result.stderr).toMatch(/- calendar\.timeZone:/);
    expect(JSON.parse((await hotline('policy', 'export', '--db', desk.file)).stdout)).toEqual(policy);

    fs.writeFileSync(bad, '{ not json');
    expect(await hotline('policy', 'import', bad, '--db', desk.file)).toMatchObject({ code: 1, stderr: expect.stringContaining('not a readable JSON file') });
    expect(await hotline('policy', 'frobnicate', '--db', desk.file)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action') });
  });

  it('explains itself with --help', async () => {
    expect(await hotline('policy', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('hotline policy export [FILE]') });
    expect((await hotline('policy', '--help')).stdout).toContain('hotline policy import FILE [--from YYYY-MM-DD [--yes] [--reason TEXT]]');
    expect((await hotline('--help')).stdout).toMatch(/policy\s+export the timing policy/);
  });

  it('back-dates a version with --from: prints the preview, applies only with --yes, and a signed-off day only with --reason', async () => {
    const SH = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'history.db'), now: SH('2026-11-20', '12:00') });
    const sheet = path.join(tmp.dir, 'history.csv');
    const header = '记录编号,日期,来电时间,首次接听时间,来电事由,处理结果,优先级,坐席代码,客服,解决时间,告知结果时间,结束时间,时区';
    fs.writeFileSync(
      sheet,
      [
        header,
        'CS20260918001,2026-09-18,2026-09-18 16:00,2026-09-18 16:05,产品无法启动,已解决,一般,A03,李娜,2026-09-23 10:00,2026-09-23 10:00,2026-09-23 10:00,Asia/Shanghai',
        'CS20260930001,2026-09-30,2026-09-30 17:00,2026-09-30 17:05,产品无法启动,已解决,一般,A03,李娜,2026-10-09 10:00,2026-10-09 10:00,2026-10-09 10:00,Asia/Shanghai',
      ].join('\r\n'),
    );
    expect(await importArchive(desk.store.db, { file: sheet, actor: '张主管', now: desk.clock.ms })).toMatchObject({ imported: 2, errors: [] });
    const late = await desk.store.db.selectFrom('calls').select('id').where('record_no', '=', 'CS20260930001').executeTakeFirstOrThrow();
    await desk.ok('addMissReason', { id: late.id, kind: 'resolution', index: 0, code: 'waiting_on_department' });
    await desk.ok('signOffDay', { date: '2026-09-30' });
    await desk.store.close();
    const base = defaultPolicy('Asia/Shanghai');
    const policy = { ...base, calendar: { ...base.calendar, holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], makeUpDays: ['2026-09-20', '2026-10-10'] } };
    const file = path.join(tmp.dir, 'national-day.json');
    fs.writeFileSync(file, JSON.stringify(policy));
    const exported = async () => JSON.parse((await hotline('policy', 'export', '--db', desk.file)).stdout) as typeof policy;

    const preview = await hotline('policy', 'import', file, '--from', '2026-09-01', '--db', desk.file);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('In force from 2026-09-01 00:00 on (Asia/Shanghai).');
    expect(preview.stdout).toMatch(/records to re-judge \(they take this version\): 2\n/);
    expect(preview.stdout).toMatch(/whose verdict changes .*: 2\n/);
    expect(preview.stdout).toContain('signed-off days whose records change (due time or verdict; they need --reason): 2026-09-30 (A03, 1 record)');
    expect(preview.stdout).toContain('Nothing was changed: add --yes to apply it.');
    expect((await exported()).calendar.holidays).toEqual([]);

    const refused = await hotline('policy', 'import', file, '--from', '2026-09-01', '--yes', '--db', desk.file);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('Signed-off days would change (2026-09-30)') });
    expect(refused.stderr).toContain('add --reason TEXT');
    expect((await exported()).calendar.holidays).toEqual([]);

    const applied = await hotline('policy', 'import', file, '--from', '2026-09-01', '--yes', '--reason', '补录国庆调休', '--db', desk.file);
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining('Policy version 2 is now in force') });
    expect(applied.stdout).toContain('2 records re-judged, 2 verdicts changed. Signed-off days changed: 2026-09-30 (A03, 1 record).');
    expect(await exported()).toEqual(policy);

    const reopened = await openTestDesk({ file: desk.file, setup: false });
    expect(await reopened.store.db.selectFrom('calls').select(['record_no', 'policy_id', 'resolution_due_at']).orderBy('record_no').execute()).toEqual([
      { record_no: 'CS20260918001', policy_id: 2, resolution_due_at: SH('2026-09-22', '16:00') },
      { record_no: 'CS20260930001', policy_id: 2, resolution_due_at: SH('2026-10-10', '17:00') },
    ]);
    await reopened.store.close();

    const history = await hotline('policy', 'history', '--db', desk.file);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/^version 2 {2}saved .* \(hotline policy import national-day\.json\) \(cli\)\n {2}in force from 2026-09-01 00:00 on \(Asia\/Shanghai\)\n {2}re-judged 2 records, 2 verdicts changed\n {2}signed-off days touched: 2026-09-30 \(A03\)\n {2}reason: 补录国庆调休\n/);
    expect(history.stdout).toContain('version 1');
    const json = JSON.parse((await hotline('policy', 'history', '--json', '--db', desk.file)).stdout) as Array<{ version: number; recordsRejudged: number }>;
    expect(json.map((e) => [e.version, e.recordsRejudged])).toEqual([[2, 2], [1, 0]]);

    // A version back-dated to before it ends where version 2 starts: export still gives the one in force now.
    const august = path.join(tmp.dir, 'august.json');
    fs.writeFileSync(august, JSON.stringify(base));
    const earlier = await hotline('policy', 'import', august, '--from', '2026-08-01', '--yes', '--db', desk.file);
    expect(earlier).toMatchObject({ code: 0, stdout: expect.stringContaining('Policy version 3 was saved') });
    expect(earlier.stdout).toContain('in force from 2026-08-01 00:00 until 2026-09-01 00:00 (Asia/Shanghai); a later version is in force now.');
    expect(earlier.stdout).toContain('0 records re-judged');
    expect(await exported()).toEqual(policy);
    expect((await hotline('policy', 'history', '--db', desk.file)).stdout).toMatch(/^version 3 .*\n {2}in force from 2026-08-01 00:00 until 2026-09-01 00:00 \(Asia\/Shanghai\)\n/);
    // A version a later one follows reads until when, the defaults of the start included.
    const trail = (await hotline('policy', 'history', '--db', desk.file)).stdout;
    expect(trail).toMatch(/\nversion 1 .*\n {2}in force from the start until 2026-08-01 00:00 \(Asia\/Shanghai\)\n/);
    expect(trail).toMatch(/\nversion 2 .*\n {2}in force from 2026-09-01 00:00 on \(Asia\/Shanghai\)\n/);

    // --lang zh: the history and the preview in Chinese, as hotline import --lang zh.
    const zh = await hotline('policy', 'history', '--lang', 'zh', '--db', desk.file);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^第 3 版 {2}.* 保存（命令行）\n {2}生效期间：自 2026-08-01 00:00 起，至 2026-09-01 00:00 止（Asia\/Shanghai）\n {2}重新考核 0 条记录，0 条结论改变\n/);
    expect(zh.stdout).toContain('  生效期间：自最初起，至 2026-08-01 00:00 止（Asia/Shanghai）');
    expect(zh.stdout).toContain('  生效期间：自 2026-09-01 00:00 起一直生效（Asia/Shanghai）');
    expect(zh.stdout).toContain('  原因：补录国庆调休');
    const zhPreview = await hotline('policy', 'import', august, '--from', '2026-08-15', '--lang', 'zh', '--db', desk.file);
    expect(zhPreview.stdout).toContain('生效期间：自 2026-08-15 00:00 起，至 2026-09-01 00:00 止（Asia/Shanghai）。');
    expect(zhPreview.stdout).toContain('  将按本版重新考核的记录：0');
    expect(zhPreview.stdout).toContain('未做任何更改：加上 --yes 才会应用。');
    expect(await hotline('policy', 'history', '--lang', 'fr', '--db', desk.file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang is zh or en') });
  });

  it('refuses an effective-from date in the future or one that is not a date, and changes nothing', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'dates.db') });
    await desk.store.close();
    const file = path.join(tmp.dir, 'defaults.json');
    fs.writeFileSync(file, JSON.stringify(defaultPolicy('Asia/Shanghai')));
    const future = await hotline('policy', 'import', file, '--from', '2999-01-01', '--yes', '--db', desk.file);
    expect(future).toMatchObject({ code: 1, stderr: expect.stringContaining('--from 2999-01-01: 2999-01-01 has not begun') });
    const malformed = await hotline('policy', 'import', file, '--from', '2026-13-01', '--yes', '--db', desk.file);
    expect(malformed).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a date: type it as YYYY-MM-DD') });
    expect((await hotline('policy', 'history', '--json', '--db', desk.file)).stdout).toMatch(/"version": 1/);
    expect(JSON.parse((await hotline('policy', 'history', '--json', '--db', desk.file)).stdout)).toHaveLength(1);
  });
});
