// `npm run bench`: speed, measured in benchmarks, never in timed tests. Builds the
// app, fills (once, cached) a demo database of 1,000,000 calls with `hotline demo`,
// and runs each bench/*.bench.ts bundled for Node. Every figure is printed in
// absolute terms and as a ratio to a floor measured in the same run.
// About five years of a 20-seat hotline, as the issue sets it.
// Options: --records N (default 1,000,000), --only NAME (a bench file's name).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' }, only: { type: 'string' } } });
const records = Number(values.records);
// A fixed last day and seed: the same database on every machine and every run.
const UNTIL = '2026-06-30';
const dir = path.resolve('.cache', 'bench');
fs.mkdirSync(dir, { recursive: true });

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const db = path.join(dir, `demo-${records}.db`);
if (!fs.existsSync(db)) {
  console.log(`Filling ${db} with ${records.toLocaleString('en')} demo calls (once; kept for later runs)…`);
  execFileSync(process.execPath, ['bin/hotline.cjs', 'demo', '--records', String(records), '--days', '1826', '--agents', '20', '--until', UNTIL, '--seed', '1', '--db', `${db}.partial`], { stdio: 'inherit' });
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${db}.partial${suffix}`)) fs.renameSync(`${db}.partial${suffix}`, `${db}${suffix}`);
}

const benches = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!values.only || f.startsWith(values.only)));
for (const file of benches) {
  const outfile = path.join(dir, file.replace(/\.ts$/, '.cjs'));
  await build({ entryPoints: [path.join('bench', file)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, external: ['better-sqlite3', 'exceljs'], logLevel: 'error' });
  execFileSync(process.execPath, ['--expose-gc', outfile, db, UNTIL, dir], { stdio: 'inherit', env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
}
