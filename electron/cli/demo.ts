import fs from 'node:fs';
import { isIsoDate } from '../demo/days';
import { fillDemo } from '../demo/generate';
import { DemoRefusedError } from '../demo/setup';
import { MAX_AGENTS } from '../demo/vocabulary';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf, withStore } from './withStore';

/** Progress goes to stderr about every this many calls. */
const PROGRESS_EVERY = 100_000;

function positiveInt(values: Record<string, string | boolean | undefined>, name: string, max: number, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} takes a whole number from 1 to ${max}`);
  return n;
}

/** Fills a database with realistic, reproducible calls, for trying the app and for benchmarks. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill a database with realistic, reproducible demo calls',
  usage: `hotline demo --records N [--days D] [--agents A] [--seed S] [--until YYYY-MM-DD] [--append] [--db PATH]

Fills the database with N calls over the D days ending on --until (default:
yesterday in the desk's zone). The same --seed and --until give identical data.
A database that already has calls is refused unless --append is given. A file
with no desk gets one: desk DEMO in Asia/Shanghai, an admin (管理员), A agents
and a team lead (郑建国), all without PINs.

  --records N        how many calls (required)
  --days D           how many days, ending on --until (default 365)
  --agents A         agent profiles (default: about 80 calls per agent a day, 5 to 300)
  --seed S           any text (default 1)
  --until DATE       the last day, YYYY-MM-DD
  --append           add to a database that already has calls
  ${DB_HELP}`,
  options: {
    records: { type: 'string' },
    days: { type: 'string' },
    agents: { type: 'string' },
    seed: { type: 'string' },
    until: { type: 'string' },
    append: { type: 'boolean' },
  },
  async run(values) {
    const records = positiveInt(values, 'records', 50_000_000);
    const days = positiveInt(values, 'days', 3650, 365);
    const agents = values.agents === undefined ? undefined : positiveInt(values, 'agents', MAX_AGENTS);
    const until = values.until;
    if (until !== undefined && (typeof until !== 'string' || !isIsoDate(until))) throw new UsageError('--until takes a date written YYYY-MM-DD');
    const file = dbFileOf(values);
    const started = performance.now();
    let nextReport = PROGRESS_EVERY;
    const onProgress = (written: number) => {
      if (written < nextReport && written < records) return;
      nextReport = (Math.floor(written / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  ${written.toLocaleString('en')} / ${records.toLocaleString('en')} calls (${seconds.toFixed(1)} s)\n`);
    };
    try {
      const summary = await withStore(values, (store) =>
        fillDemo(store, {
          records,
          days,
          seed: typeof values.seed === 'string' ? values.seed : '1',
          append: values.append === true,
          onProgress,
          ...(agents === undefined ? {} : { agents }),
          ...(typeof until === 'string' ? { until } : {}),
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const rate = Math.round(summary.records / seconds);
      const size = (fs.statSync(file).size / 1024 / 1024).toFixed(0);
      process.stdout.write(
        `Filled ${file} with ${summary.records} calls over ${summary.days} days (${summary.agents} agents) in ${seconds.toFixed(1)} s (${rate} calls/s).\n`,
      );
      process.stderr.write(`  ${summary.from} to ${summary.until}, desk ${summary.deskCode}, ${size} MiB\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DemoRefusedError)) throw error;
      process.stderr.write(`hotline demo: ${file}: ${error.message}\n`);
      return 1;
    }
  },
};
