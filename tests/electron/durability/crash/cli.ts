import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashTest } from './harness';

/**
 * `npm run test:crash` (scripts/crash-test.mjs bundles this file and child.ts).
 * Options: --kills N (default 200), --seed N, --max-run-ms N, --child FILE, --node-path DIR, --keep.
 * Exits 1 when any acknowledged write was lost or any check failed.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '200' },
      seed: { type: 'string' },
      'max-run-ms': { type: 'string', default: '500' },
      child: { type: 'string' },
      'node-path': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const kills = Number(values.kills);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!values.child || !Number.isInteger(kills) || kills < 1) throw new Error('--child FILE and a positive --kills N are needed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-crash-'));
  process.stdout.write(`Crash test: ${kills} SIGKILLs of a process logging calls through the real handlers (seed ${seed}, database in ${dir})\n`);
  try {
    const report = await runCrashTest({
      childBundle: values.child,
      dir,
      kills,
      seed,
      maxRunMs: Number(values['max-run-ms']),
      nodePath: values['node-path'] ?? path.resolve('node_modules'),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    for (const p of report.problems) process.stdout.write(`problem: ${p}\n`);
    process.stdout.write(
      `kills survived: ${report.survived}, acknowledged writes: ${report.acknowledged}, lost: ${report.lost}` +
        ` (integrity failures: ${report.integrityFailures}; ${(report.ms / 1000).toFixed(1)} s)\n`,
    );
    return report.lost > 0 || report.integrityFailures > 0 || report.survived < report.kills ? 1 : 0;
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`crash test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
