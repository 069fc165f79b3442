import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUR_LEVELS } from '../../../shared/policy/defaults';
import { bundleForNode } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

const tmp = tempDir();
let cli = '';

/** The real `hotline` CLI as a child process. */
const hotline = (...args: string[]) => runCli(cli, args);

beforeAll(async () => {
  cli = await bundleForNode(path.resolve('electron/cli/entry.ts'), tmp.dir);
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
    expect((await hotline('--help')).stdout).toMatch(/policy\s+export the timing policy/);
  });
});
