import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempStore';

const tmp = tempDir('hotline-demo-cli-');
let cli = '';

/** The real `hotline` CLI as a child process. */
const hotline = (...args: string[]) => runCli(cli, args);

const countCalls = (file: string): number => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
});
afterAll(() => tmp.remove());

describe('hotline demo', () => {
  it('fills a new file, refuses to fill it again, and adds to it with --append', async () => {
    const file = path.join(tmp.dir, 'demo.db');
    const filled = await hotline('demo', '--records', '300', '--days', '14', '--until', '2026-03-31', '--seed', 'cli', '--db', file);
    expect(filled.code).toBe(0);
    expect(filled.stdout).toMatch(new RegExp(`^Filled ${file.replace(/[.\\/]/g, '\\$&')} with 300 calls over 14 days \\(5 agents\\) in [\\d.]+ s \\(\\d+ calls/s\\)\\.\\n$`));
    expect(filled.stderr).toContain('300 / 300 calls');

    const again = await hotline('demo', '--records', '300', '--db', file);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already has 300 calls') });
    expect(again.stderr).toContain('--append');

    const appended = await hotline('demo', '--records', '50', '--days', '3', '--agents', '2', '--until', '2026-03-31', '--append', '--db', file);
    expect(appended).toMatchObject({ code: 0, stdout: expect.stringContaining('with 50 calls over 3 days (2 agents)') });
    expect(countCalls(file)).toBe(350);
  });

  it('explains itself, and refuses bad options with its usage', async () => {
    expect(await hotline('demo', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('hotline demo --records N') });
    const file = path.join(tmp.dir, 'bad.db');
    expect(await hotline('demo', '--records', '0', '--db', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--records takes a whole number') });
    expect(await hotline('demo', '--records', '10', '--until', '2026-02-30', '--db', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--until') });
  });
});
