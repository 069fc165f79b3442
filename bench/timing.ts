import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';

/** One benchmark line: the code under test against its floor, measured alternately in the same run. */
export interface Figure {
  name: string;
  budgetMs: number;
  medianMs: number;
  minMs: number;
  floorMedianMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Times `subject` and `floor` `runs` times each, interleaved so that machine noise
 * hits both alike, after one warm-up of each. Medians, because these machines are noisy.
 */
export async function timeIt(name: string, budgetMs: number, runs: number, subject: () => unknown, floor: () => unknown): Promise<Figure> {
  await subject();
  await floor();
  const s: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await subject();
    s.push(performance.now() - t);
    t = performance.now();
    await floor();
    f.push(performance.now() - t);
  }
  return { name, budgetMs, medianMs: median(s), minMs: Math.min(...s), floorMedianMs: median(f) };
}

export function report(title: string, figures: Figure[]): void {
  const lines = [
    title,
    '| what | median | min | floor (median) | ratio to floor | budget | within |',
    '|---|---|---|---|---|---|---|',
    ...figures.map(
      (x) =>
        `| ${x.name} | ${x.medianMs.toFixed(1)} ms | ${x.minMs.toFixed(1)} ms | ${x.floorMedianMs.toFixed(1)} ms | ${(x.medianMs / x.floorMedianMs).toFixed(2)}× | < ${x.budgetMs} ms | ${x.medianMs < x.budgetMs ? 'yes' : 'NO'} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** The last days up to `until` that hold at least `wanted` calls, newest first: the period the export and import benches take. */
export function lastDays(sqlite: BetterSqlite3.Database, until: string, wanted: number): { from: string; to: string; calls: number } {
  const days = sqlite.prepare('SELECT local_date AS day, count(*) AS n FROM calls WHERE local_date <= ? GROUP BY local_date ORDER BY local_date DESC').all(until) as Array<{ day: string; n: number }>;
  let calls = 0;
  let from = until;
  for (const { day, n } of days) {
    calls += n;
    from = day;
    if (calls >= wanted) break;
  }
  return { from, to: until, calls };
}
