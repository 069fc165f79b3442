import BetterSqlite3 from 'better-sqlite3';
import { dispatch } from '../electron/handlers/dispatch';
import { openStore } from '../electron/store/openDb';
import { timeIt, report, type Figure } from './timing';

/**
 * The team lead's hot paths on a large demo database, timed through the real
 * dispatcher and handlers, each against a hand-written SQL floor on the same
 * file in the same run: a day's review list, a month's and a year's statistics.
 * argv: database file, the last demo date (YYYY-MM-DD).
 */
async function main(): Promise<void> {
  const [file, until] = process.argv.slice(2) as [string, string];
  const store = await openStore(file);
  const admin = store.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
  const now = Date.parse(`${until}T23:59:00Z`);
  const ctx = { db: store.db, now: () => now, session: { userId: admin } };
  const raw = new BetterSqlite3(file, { readonly: true });
  const calls = raw.prepare('SELECT count(*) FROM calls').pluck().get() as number;

  const day = busiestWeekday(raw, until);
  const month = { from: `${until.slice(0, 7)}-01`, to: until };
  const year = { from: shiftYear(until), to: until };

  const dayList = raw.prepare(
    `SELECT id, desk_code, record_no, local_date, time_zone, call_at, answered_at, agent, priority, category, request_type,
            customer_type, salutation, reason, result, closed_at, ended_breach, next_due_at
     FROM calls WHERE local_date BETWEEN ? AND ? ORDER BY call_at DESC, id DESC LIMIT 200`,
  );
  const dayCount = raw.prepare('SELECT count(*) FROM calls WHERE local_date BETWEEN ? AND ?');
  /** The least SQL that reads a period's calls for its figures: headline counts and the main groupings. */
  const floorStats = [
    `SELECT count(*), sum(answered_at IS NOT NULL), sum(answered_at <= response_due_at), avg(answered_at - call_at),
            sum(resolved_at <= resolution_due_at), sum(feedback IN ('satisfied','basically_satisfied')), sum(ended_breach)
     FROM calls WHERE local_date BETWEEN ? AND ?`,
    'SELECT local_date, count(*) FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY local_date',
    'SELECT local_hour, count(*) FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY local_hour',
    'SELECT priority, count(*), sum(answered_at <= response_due_at) FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY priority',
    'SELECT category, count(*), sum(resolved_at <= resolution_due_at) FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY category',
    'SELECT agent, count(*), avg(answered_at - call_at), sum(ended_breach) FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY agent',
  ].map((q) => raw.prepare(q));
  const floor = (from: string, to: string) => floorStats.forEach((q) => q.all(from, to));
  const handler = async (method: 'reviewRecords' | 'getStats', req: object) => {
    const result = await dispatch(method, req, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  };

  const figures: Figure[] = [
    await timeIt(`a day's review list (${day}, first 200 rows + count)`, 20, 30, () => handler('reviewRecords', { from: day, to: day, limit: 200 }), () => {
      dayList.all(day, day);
      dayCount.get(day, day);
    }),
    await timeIt(`a month's statistics (${month.from} – ${month.to})`, 150, 10, () => handler('getStats', month), () => floor(month.from, month.to)),
    await timeIt(`a year's statistics (${year.from} – ${year.to})`, 1000, 5, () => handler('getStats', year), () => floor(year.from, year.to)),
  ];
  report(`Review and statistics on ${calls.toLocaleString('en')} calls (${file})`, figures);
  raw.close();
  await store.close();
}

function busiestWeekday(raw: BetterSqlite3.Database, until: string): string {
  return raw
    .prepare(`SELECT local_date FROM calls WHERE local_date BETWEEN ? AND ? GROUP BY local_date ORDER BY count(*) DESC LIMIT 1`)
    .pluck()
    .get(`${until.slice(0, 7)}-01`, until) as string;
}

function shiftYear(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
