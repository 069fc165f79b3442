import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/**
 * Trial 10, findings 7 and 8: `hotline import` on a set-up database demanded
 * --desk although the screen takes the desk's code; and a wrong --zone read every
 * time the same in the dry run, with no note at all on a fresh database.
 */

const tmp = tempDir('hotline-cli-import-');
const file = (name: string) => path.join(tmp.dir, name);
const PAPER = [
  '记录编号,日期,来电时间,首次接听时间,客户称呼,联系方式(后四位),来电事由,问题分类,处理负责人,处理结果',
  'CS20240501003,2024-05-01,15:00,15:02,*先生,5555,修改收货地址,订单类,客服*主管,已解决',
].join('\n');

async function hotline(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    return { code: await main(args), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  fs.writeFileSync(file('s003.csv'), PAPER);
  await (await openTestDesk({ file: file('a03.db') })).close();
  await (await openTestDesk({ file: file('fresh.db'), setup: false })).close();
});
afterAll(() => tmp.remove());

describe('hotline import', () => {
  it('takes the desk code from a set-up database when --desk is absent', async () => {
    const dry = await hotline('import', file('s003.csv'), '--dry-run', '--db', file('a03.db'));
    expect(dry.out).toContain('Rows without a desk code belong to desk A03.');
    expect(dry.code).toBe(0);
    expect(await hotline('import', file('s003.csv'), '--db', file('a03.db'))).toMatchObject({ code: 0, out: expect.stringContaining('Imported 1 record') });
  });

  it('shows each previewed call at this desk when --zone is another zone, and names the zone on a fresh database', async () => {
    const berlin = await hotline('import', file('s003.csv'), '--dry-run', '--zone', 'Europe/Berlin', '--lang', 'zh', '--db', file('a03.db'));
    // 15:00 in Berlin (summer time, UTC+2) is 21:00 in Shanghai: the hours off show on the row.
    expect(berlin.out).toContain('来电 2024-05-01 15:00，本坐席时间（Asia/Shanghai）2024-05-01 21:00');
    const right = await hotline('import', file('s003.csv'), '--dry-run', '--lang', 'zh', '--db', file('a03.db'));
    expect(right.out).not.toContain('本坐席时间');
    const fresh = await hotline('import', file('s003.csv'), '--dry-run', '--desk', 'A03', '--zone', 'Europe/Berlin', '--db', file('fresh.db'));
    expect(fresh.out).toContain('times are read in Europe/Berlin (--zone); this database has no desk yet');
  });
});
