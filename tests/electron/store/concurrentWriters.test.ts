import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../helpers/bundle';
import { openTestDesk, SEED_MORNING, tempDir } from '../../helpers/tempStore';

const run = promisify(execFile);
const tmp = tempDir();
let writer = '';

beforeAll(async () => {
  writer = await bundleForNode(path.join(__dirname, 'fixtures', 'writer.ts'), tmp.dir);
});
afterAll(() => tmp.remove());

describe('two processes writing one database file', () => {
  it('hand out every record number exactly once, with no gaps', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'shared.db') });
    await desk.store.close();
    const perProcess = 60;
    const env = { ...process.env, NODE_PATH: path.resolve('node_modules') };
    const outputs = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, [writer, desk.file, String(perProcess), String(SEED_MORNING)], { env })),
    );
    const numbers = outputs.flatMap((o) => o.stdout.trim().split('\n'));
    expect(numbers).toHaveLength(3 * perProcess);
    expect(new Set(numbers).size).toBe(numbers.length);
    const serials = numbers.map((n) => Number(n.slice('CS20240520'.length))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 3 * perProcess }, (_, i) => i + 1));
  });
});
