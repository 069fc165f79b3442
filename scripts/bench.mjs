// `npm run bench`: speed, measured in benchmarks, never in timed tests. Builds the
// app, fills (once, cached) a demo database of 1,000,000 calls with `hotline demo`,
// and runs each bench/*.bench.ts bundled for Node. Every figure is printed in
// absolute terms and as a ratio to a floor measured in the same run.
// About five years of a 20-seat hotline, as the issue sets it.
// Options: --records N (default 1,000,000), --only NAME (a bench file's name).
// The team bench (bench/team.bench.ts) runs its own throw-away PostgreSQL and
// keeps its own demo files in .cache/bench-team: `--only team` neither fills
// nor reads the shared 1,000,000-call database; nor does the phone bench (bench/phone.bench.ts),
// which makes fresh desks of its own.
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
const teamDir = path.resolve('.cache', 'bench-team');
/** Benches that bring their own data (and cache folder) instead of the shared demo database. */
const ownData = (file) => file.startsWith('team.') || file.startsWith('phone.');

const benches = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!values.only || f.startsWith(values.only)));
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const db = path.join(dir, `demo-${records}.db`);
if (benches.some((f) => !ownData(f)) && !fs.existsSync(db)) {
  fs.mkdirSync(dir, { recursive: true });
  console.log(`Filling ${db} with ${records.toLocaleString('en')} demo calls (once; kept for later runs)…`);
  execFileSync(process.execPath, ['bin/hotline.cjs', 'demo', '--records', String(records), '--days', '1826', '--agents', '20', '--until', UNTIL, '--seed', '1', '--db', `${db}.partial`], { stdio: 'inherit' });
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${db}.partial${suffix}`)) fs.renameSync(`${db}.partial${suffix}`, `${db}${suffix}`);
}

for (const file of benches) {
  const cache = ownData(file) ? teamDir : dir;
  fs.mkdirSync(cache, { recursive: true });
  const outfile = path.join(cache, file.replace(/\.ts$/, '.cjs'));
  await build({ entryPoints: [path.join('bench', file)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, external: ['better-sqlite3', 'exceljs', 'pg'], logLevel: 'error' });
  execFileSync(process.execPath, ['--expose-gc', outfile, db, UNTIL, cache], { stdio: 'inherit', env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
}
