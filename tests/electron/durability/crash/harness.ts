import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../../electron/store/openDb';
import { openTestDesk } from '../../../helpers/tempStore';
import { Acknowledgements } from './acks';
import { Child, type Run } from './killer';

export interface CrashOptions {
  /** The bundled child (crash/child.ts). */
  childBundle: string;
  /** A scratch folder for the database and the snapshots. */
  dir: string;
  kills: number;
  seed: number;
  /** Longest the child runs after "ready" before it is killed. */
  maxRunMs?: number;
  /** Where better-sqlite3 is, for the bundled child. */
  nodePath: string;
  log?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  /** Kills after which the database opened, passed integrity_check and held every acknowledged write. */
  survived: number;
  acknowledged: number;
  lost: number;
  integrityFailures: number;
  /** The first problems, in words (a child that died on its own, a failed check, a lost write). */
  problems: string[];
  ms: number;
}

/** A small seeded generator (mulberry32), so that a failing run can be repeated with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of the three files exactly as the kill left them, so the next child meets a crashed database, not a cleanly closed one. */
function snapshot(file: string, into: string): string {
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  const copy = path.join(into, path.basename(file));
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
  return copy;
}

/**
 * The crash test: `kills` times, let a child log calls, kill it with SIGKILL
 * at a random moment, then open the database with openStore, run `PRAGMA
 * integrity_check` and look up every write acknowledged so far (all runs, not
 * only the last). Odd kills are checked in place (the check's clean close
 * checkpoints the log); even kills on a snapshot, leaving the crashed files for
 * the next child to recover, and to be killed while recovering.
 */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const file = path.join(options.dir, 'crash.db');
  const desk = await openTestDesk({ file });
  await desk.store.close();
  const rnd = random(options.seed);
  const acks = new Acknowledgements();
  const lost = new Set<string>();
  const report: CrashReport = { kills: 0, survived: 0, acknowledged: 0, lost: 0, integrityFailures: 0, problems: [], ms: 0 };
  const problem = (i: number, run: Run, text: string) => {
    if (report.problems.length < 20) report.problems.push(`run ${i} (killed while ${run.phase}): ${text}`);
    log(`  ! run ${i} (killed while ${run.phase}): ${text}`);
  };
  const spawnChild = () => new Child(options.childBundle, file, options.nodePath);
  let next = spawnChild();
  try {
    for (let i = 1; i <= options.kills; i++) {
      const child = next;
      await child.loaded;
      if (i < options.kills) next = spawnChild();
      const run = await child.runAndKill(i * 1_000_000, rnd, options.maxRunMs ?? 500);
      acks.add(run.lines);
      report.kills++;
      if (run.phase === 'exited') problem(i, run, `the child exited on its own (code ${run.code}): ${run.stderr.trim().split('\n')[0] ?? ''}`);
      const moved = run.lines.find((l) => l.startsWith('moved-aside'));
      if (moved) problem(i, run, `the child found the database damaged and moved it aside (${moved})`);
      const check = await checkDatabase(i % 2 === 1 ? file : snapshot(file, path.join(options.dir, 'snapshot')), acks);
      if (!check.integrity) {
        report.integrityFailures++;
        problem(i, run, `integrity_check says ${check.detail}`);
      }
      if (check.missing.length > 0) problem(i, run, `${check.missing.length} acknowledged writes missing, e.g. ${check.missing.slice(0, 3).join(' | ')}`);
      for (const m of check.missing) lost.add(m);
      report.lost = lost.size;
      if (check.integrity && check.missing.length === 0 && run.phase !== 'exited' && !moved) report.survived++;
      if (i % 25 === 0 || i === options.kills) log(`  ${i} kills, ${acks.count} acknowledged writes, ${report.lost} lost`);
    }
  } finally {
    next.kill();
  }
  report.acknowledged = acks.count;
  report.ms = Date.now() - started;
  return report;
}

/** Opens the database as the app does and checks it. */
async function checkDatabase(file: string, acks: Acknowledgements): Promise<{ integrity: boolean; detail: string; missing: string[] }> {
  let store;
  try {
    store = await openStore(file);
  } catch (error) {
    return { integrity: false, detail: `it does not open: ${error instanceof Error ? error.message : String(error)}`, missing: acks.all() };
  }
  try {
    const verdict = store.sqlite.prepare('PRAGMA integrity_check').pluck().all() as string[];
    const foreignKeys = store.sqlite.prepare('PRAGMA foreign_key_check').all();
    const integrity = verdict.length === 1 && verdict[0] === 'ok' && foreignKeys.length === 0;
    const detail = [...verdict, ...(foreignKeys.length > 0 ? [`${foreignKeys.length} foreign key violations`] : [])].join('; ');
    return { integrity, detail, missing: acks.missingIn(store.sqlite) };
  } finally {
    await store.close();
  }
}
