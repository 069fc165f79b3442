import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { RECORD_COLUMNS, SHEET_NAMES, STEP_COLUMNS } from '../electron/archive/columns';
import { exportArchive } from '../electron/archive/export';
import { importArchive } from '../electron/archive/import';
import { loadPolicies, recordPages, stepPages } from '../electron/archive/pages';
import { recordCells, stepRows, type CellContext } from '../electron/archive/recordCells';
import { dateCell, wallClockDate, wallClockText } from '../electron/archive/wallClock';
import { ZLIB_LEVEL } from '../electron/archive/xlsxWriter';
import { openStore } from '../electron/store/openDb';
import { lastDays } from './timing';

/**
 * The Excel archive at 100,000 records (issue 5): export to .xlsx (time and
 * peak memory), import of that file into an empty database, each against
 * exceljs' bare streaming writer and reader on the same rows in the same run
 * (the floor), and the round trip checked (export → import → export, same rows).
 *
 * Run by `npm run bench` (scripts/bench.mjs bundles it, argv: demo database, its
 * last day, a work folder), or on its own after bundling it the same way:
 *   npx esbuild bench/archive.bench.ts --bundle --platform=node --format=cjs --target=node20 \
 *     --external:better-sqlite3 --external:exceljs --outfile=.cache/bench/archive.bench.cjs
 *   NODE_PATH=node_modules node .cache/bench/archive.bench.cjs DEMO.db YYYY-MM-DD .cache/bench
 * The records are the last days of the demo database that hold at least 100,000 calls
 * (ARCHIVE_BENCH_RECORDS overrides the number). Each measurement runs in a child process
 * of its own, so that its peak memory is its own; subject and floor alternate,
 * ARCHIVE_BENCH_RUNS times (3), and the medians are compared.
 */

const WANTED = Number(process.env.ARCHIVE_BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.ARCHIVE_BENCH_RUNS ?? 3);
const BUDGET = { exportS: 10, exportMB: 400, importS: 15 };

interface Measure {
  seconds: number;
  peakMB: number;
  detail: string;
}

type Range = { from: string; to: string };

/** Child processes: one measurement each, printed as JSON on the last line. */
async function phase(name: string, db: string, range: Range, dir: string): Promise<Measure> {
  const started = performance.now();
  let detail = '';
  const exported = path.join(dir, 'archive-export.xlsx');
  if (name === 'export') {
    const store = await openStore(db);
    const result = await exportArchive(store.db, { filter: range, format: 'xlsx', file: exported, now: Date.parse(`${range.to}T23:59:00Z`) });
    detail = `${result.rows} records, ${result.steps} steps, ${(fs.statSync(exported).size / 1048576).toFixed(0)} MiB`;
    await store.close();
  } else if (name === 'floor-write') {
    const rows = await sameRows(db, range);
    const t = performance.now();
    await bareWrite(rows, path.join(dir, 'archive-floor.xlsx'));
    return { seconds: (performance.now() - t) / 1000, peakMB: peakMB(), detail: `${rows.records.length + rows.steps.length} rows` };
  } else if (name === 'import') {
    const target = path.join(dir, 'archive-import.db');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    const store = await openStore(target);
    const report = await importArchive(store.db, { file: exported, actor: 'bench', now: Date.now() });
    if (report.errors.length > 0) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 5))}`);
    detail = `${report.imported} records, ${report.steps} steps`;
    await store.close();
  } else if (name === 'floor-read') {
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(exported, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        rows += (row.values as unknown[]).length > 0 ? 1 : 0;
      }
    }
    detail = `${rows} rows`;
  } else if (name === 'round-trip') {
    detail = await roundTrip(db, range, dir);
  }
  return { seconds: (performance.now() - started) / 1000, peakMB: peakMB(), detail };
}

const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The very cells the export writes, built in memory beforehand, so that the floor times exceljs alone. */
async function sameRows(db: string, range: Range): Promise<{ records: unknown[][]; steps: unknown[][] }> {
  const store = await openStore(db);
  const now = Date.parse(`${range.to}T23:59:00Z`);
  const ctx: CellContext = { lang: 'zh', now, policies: await loadPolicies(store.db), time: wallClockDate, times: (ms, zone) => ms.map((m) => wallClockText(m, zone)).join('\n'), date: dateCell };
  const records: unknown[][] = [];
  const steps: unknown[][] = [];
  for await (const page of recordPages(store.db, range, now)) for (const b of page) records.push(recordCells(b, ctx));
  for await (const page of stepPages(store.db, range, now)) for (const owner of page) steps.push(...stepRows(owner, ctx));
  await store.close();
  return { records, steps };
}

/** exceljs' streaming writer as its README shows it: add a row, commit it. Same options as the export (deflate level included). */
async function bareWrite(rows: { records: unknown[][]; steps: unknown[][] }, file: string): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false, zip: { zlib: { level: ZLIB_LEVEL } } });
  for (const [name, columns, list] of [[SHEET_NAMES.zh.records, RECORD_COLUMNS, rows.records], [SHEET_NAMES.zh.steps, STEP_COLUMNS, rows.steps]] as const) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(columns.map((c) => c.zh)).commit();
    let n = 0;
    for (const values of list) {
      sheet.addRow(values.map((v) => (v === null ? undefined : v))).commit();
      if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
  }
  await book.commit();
}

/** Export → import → export: the records (as CSV) and the step count must come out the same. */
async function roundTrip(db: string, range: Range, dir: string): Promise<string> {
  const now = Date.parse(`${range.to}T23:59:00Z`);
  const digest = async (file: string) => {
    const store = await openStore(file);
    const csv = path.join(dir, 'archive-roundtrip.csv');
    const result = await exportArchive(store.db, { filter: range, format: 'csv', file: csv, now });
    const steps = Number(store.sqlite.prepare('SELECT count(*) FROM steps JOIN calls ON calls.id = steps.call_id WHERE local_date BETWEEN ? AND ?').pluck().get(range.from, range.to));
    await store.close();
    const hash = createHash('sha256').update(fs.readFileSync(csv)).digest('hex').slice(0, 16);
    fs.rmSync(csv);
    return `${result.rows} records, ${steps} steps, sha256 ${hash}`;
  };
  const [before, after] = [await digest(db), await digest(path.join(dir, 'archive-import.db'))];
  if (before !== after) throw new Error(`round trip differs: ${before} → ${after}`);
  return `identical: ${after}`;
}

/** The last days of the demo database that hold at least WANTED calls. */
function lastDaysOf(db: string, until: string): Range & { calls: number } {
  const raw = new BetterSqlite3(db, { readonly: true });
  try {
    return lastDays(raw, until, WANTED);
  } finally {
    raw.close();
  }
}

function child(name: string, db: string, range: Range, dir: string): Measure {
  const out = execFileSync(process.execPath, ['--expose-gc', process.argv[1]!, db, range.to, dir, name, range.from], { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measure;
}

/** Several runs of a subject and its floor, interleaved so that the machine's noise hits both alike; medians. */
function measure(subject: string, floor: string, db: string, range: Range, dir: string): { subject: Measure[]; floor: Measure[] } {
  const runs: { subject: Measure[]; floor: Measure[] } = { subject: [], floor: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.subject.push(child(subject, db, range, dir));
    runs.floor.push(child(floor, db, range, dir));
  }
  return runs;
}

const median = (ms: Measure[]) => [...ms].sort((a, b) => a.seconds - b.seconds)[Math.floor(ms.length / 2)]!;

async function main(): Promise<void> {
  const [db, until, dir, name, from] = process.argv.slice(2) as [string, string, string, string | undefined, string | undefined];
  if (name) {
    process.stdout.write(`${JSON.stringify(await phase(name, db, { from: from!, to: until }, dir))}\n`);
    return;
  }
  const range = lastDaysOf(db, until);
  const exports = measure('export', 'floor-write', db, range, dir);
  const imports = measure('import', 'floor-read', db, range, dir);
  const trip = child('round-trip', db, range, dir);
  const line = (what: string, runs: { subject: Measure[]; floor: Measure[] }, budget: string, within: (m: Measure) => boolean) => {
    const m = median(runs.subject);
    const f = median(runs.floor);
    const peak = Math.max(...runs.subject.map((r) => r.peakMB));
    const best = Math.min(...runs.subject.map((r) => r.seconds));
    return `| ${what} (${m.detail}) | ${m.seconds.toFixed(1)} s (best ${best.toFixed(1)} s) | ${peak} MB | ${f.seconds.toFixed(1)} s | ${(m.seconds / f.seconds).toFixed(2)}× | ${budget} | ${within({ ...m, peakMB: peak }) ? 'yes' : 'NO'} |`;
  };
  const floors = (runs: { floor: Measure[] }) => `${median(runs.floor).seconds.toFixed(1)} s, ${Math.max(...runs.floor.map((r) => r.peakMB))} MB (${median(runs.floor).detail})`;
  process.stdout.write(
    [
      `Excel archive: ${range.calls.toLocaleString('en')} records (${range.from} – ${range.to}) from ${db}; medians of ${RUNS} interleaved runs`,
      '| what | time | peak memory | floor (bare exceljs) | ratio to floor | budget | within |',
      '|---|---|---|---|---|---|---|',
      line('export to .xlsx', exports, `< ${BUDGET.exportS} s, < ${BUDGET.exportMB} MB`, (m) => m.seconds < BUDGET.exportS && m.peakMB < BUDGET.exportMB),
      line('import of that file', imports, `< ${BUDGET.importS} s`, (m) => m.seconds < BUDGET.importS),
      `floors: writer ${floors(exports)}, cells prepared beforehand; reader ${floors(imports)}`,
      `round trip (export → import → export): ${trip.detail}`,
      '',
    ].join('\n'),
  );
  for (const f of ['archive-export.xlsx', 'archive-floor.xlsx', 'archive-import.db', 'archive-import.db-wal', 'archive-import.db-shm']) fs.rmSync(path.join(dir, f), { force: true });
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
