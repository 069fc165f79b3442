import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';
import { deskWithRecords, readXlsx } from './fixtures';

const tmp = tempDir('hotline-archive-cli-');
const file = (name: string) => path.join(tmp.dir, name);
let cli = '';

/** The real `hotline` CLI as a child process. */
const hotline = (...args: string[]) => runCli(cli, args);

/** The CLI in this process (quicker than a child for the cases that need no bundle): exit code and output. */
async function inProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
  const desk = await deskWithRecords({ file: file('desk.db') });
  await desk.close();
  const empty = await openTestDesk({ file: file('team.db') });
  await empty.close();
});
afterAll(() => tmp.remove());

describe('hotline export and import', () => {
  it('exports a period to xlsx with progress on stderr and a summary on stdout', async () => {
    const result = await hotline('export', '--from', '2024-05-20', '--to', '2024-05-21', '--out', file('may.xlsx'), '--db', file('desk.db'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported 4 records, 4 steps \(2024-05-20 – 2024-05-21\) to .*may\.xlsx in [\d.]+ s\.\n$/);
    expect(result.stderr).toContain('exporting… 100 %');
    expect((await readXlsx(file('may.xlsx'))).map((s) => s.name)).toEqual(['记录', '处理步骤', '汇总']);
    const en = await inProcess('export', '--from', '2024-05-20', '--to', '2024-05-21', '--out', file('may.csv'), '--lang', 'en', '--db', file('desk.db'));
    expect(en.code).toBe(0);
    expect(fs.readFileSync(file('may.csv'), 'utf8')).toMatch(/^\uFEFFRecord no\.,Date,Call time/);
  });

  it('imports it, says so, and the second time says nothing changed', async () => {
    const first = await hotline('import', file('may.xlsx'), '--db', file('team.db'));
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 4 records with 4 handling steps.') });
    const second = await inProcess('import', file('may.csv'), '--db', file('team.db'));
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('Nothing changed: all 4 records were already in the database.') });
  });

  it('exits 1 listing every bad row, and refuses bad usage', async () => {
    fs.writeFileSync(file('bad.csv'), '记录编号,日期,来电时间\r\nCS2024,2024-05-20,14:15\r\nCS20240520009,2024-02-30,14:15\r\n');
    const bad = await inProcess('import', file('bad.csv'), '--desk', 'A03', '--db', file('team.db'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nothing was imported: 2 problems to fix first.');
    expect(bad.stderr).toContain('row 2, column 记录编号: "CS2024" is not a record number');
    expect(bad.stderr).toContain('row 3, column 日期: not a real date');
    fs.writeFileSync(file('cut.xlsx'), fs.readFileSync(file('may.xlsx')).subarray(0, 3000));
    expect(await inProcess('import', file('cut.xlsx'), '--db', file('team.db'))).toMatchObject({ code: 1, stderr: expect.stringContaining('truncated or damaged') });
    expect(await inProcess('export', '--from', '2024-05-20', '--to', '2024-05-21', '--out', file('x.pdf'), '--db', file('desk.db'))).toMatchObject({ code: 2, stderr: expect.stringContaining('.xlsx or .csv') });
    expect(await inProcess('import', '--db', file('team.db'))).toMatchObject({ code: 2 });
    expect((await inProcess('--help')).stdout).toMatch(/export\s+write a period’s records/);
  });
});

describe('hotline import --dry-run', () => {
  const seed = path.resolve('tests/fixtures/seeds/seed000-tracking.csv');

  it('shows the layout, the zone, every column and the rows as they would be stored, in Chinese, and writes nothing', async () => {
    const dry = await inProcess('import', seed, '--desk', 'A03', '--zone', 'Asia/Shanghai', '--dry-run', '--lang', 'zh', '--db', file('fresh.db'));
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('跟踪表（模板 000）');
    expect(dry.stdout).toContain('时间按 Asia/Shanghai 读取（--zone）。');
    expect(dry.stdout).toContain('  问题类型 → 读取: 需求类型、问题分类');
    expect(dry.stdout).toContain('  实际响应时长 → 仅核对');
    expect(dry.stdout).toContain('  响应时间是否达标 → 读取: 优先级 + 仅核对');
    expect(dry.stdout).toContain('第 2 行: CS20240501001 (来源编号 TECH20240501001) [A03, Asia/Shanghai]; 来电 2024-05-01 09:00，接听 2024-05-01 09:12，解决 2024-05-01 10:30');
    expect(dry.stdout).toContain('紧急 / 故障报修 / 技术类 / VIP客户 / 已解决; 响应 12 分钟 达标，解决 90 分钟 达标');
    expect(dry.stdout).toContain('试运行：未写入任何内容。正式导入将新增 2 条记录。');
    const real = await inProcess('import', seed, '--desk', 'A03', '--zone', 'Asia/Shanghai', '--db', file('fresh.db'));
    expect(real).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 2 records with 0 handling steps.') });
  });

  it('a wrong --zone shows in the times before anything is written; problems come in Chinese', async () => {
    const wrong = await inProcess('import', seed, '--desk', 'A03', '--zone', 'America/New_York', '--dry-run', '--db', file('desk.db'));
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toContain('Times are read in America/New_York (--zone).');
    expect(wrong.stdout).toContain('times are read in America/New_York, not in this desk’s zone Asia/Shanghai');
    expect(wrong.stdout).toContain('[A03, America/New_York]; call 2024-05-01 09:00');
    const bad = await inProcess('import', seed, '--zone', 'Mars/Olympus', '--dry-run', '--lang', 'zh', '--db', file('fresh.db'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('整个文件: 缺少坐席代码');
    expect(bad.stderr).toContain('整个文件: “Mars/Olympus”不是时区名称（请写作“地区/城市”，如 Asia/Shanghai）');
    // Said once each for the file, however many rows it has.
    expect(bad.stderr).toContain('未导入任何记录：有 2 个问题需先改正。');
  });
});
