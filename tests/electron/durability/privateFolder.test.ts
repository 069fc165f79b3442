import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePrivateFolder } from '../../../electron/durability/files';
import { bundleForNode } from '../../helpers/bundle';
import { tempDir } from '../../helpers/tempStore';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('ensurePrivateFolder (backup folders, typed by an admin)', () => {
  it('creates every missing level, each only its owner may enter, and leaves an existing folder alone', () => {
    const deep = path.join(tmp.dir, 'a', 'b', 'c');
    ensurePrivateFolder(deep);
    for (const dir of [path.join(tmp.dir, 'a'), path.join(tmp.dir, 'a', 'b'), deep]) expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.chmodSync(deep, 0o750);
    ensurePrivateFolder(deep);
    expect(fs.statSync(deep).mode & 0o777).toBe(0o750);
  });

  it('refuses a path that is a file', () => {
    const file = path.join(tmp.dir, 'file');
    fs.writeFileSync(file, '');
    expect(() => ensurePrivateFolder(file)).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it.runIf(fs.existsSync('/proc/self'))('fails at once under /proc instead of looping for ever (Node 20’s recursive mkdir does)', async () => {
    const entry = path.join(tmp.dir, 'proc.ts');
    fs.writeFileSync(
      entry,
      `import { ensurePrivateFolder } from ${JSON.stringify(path.resolve('electron/durability/files'))};
try { ensurePrivateFolder('/proc/hotline-backups/x'); console.log('created'); } catch (e) { console.log('refused', (e as { code?: string }).code); }`,
    );
    const script = await bundleForNode(entry, tmp.dir);
    // In a child with a deadline: a regression would spin the test process itself for ever.
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 15_000 });
    expect(run.signal).toBeNull();
    expect(run.stdout).toMatch(/^refused E[A-Z]+/);
  }, 60_000);
});
