import { execFileSync } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { dispatch } from '../electron/handlers/dispatch';
import type { HandlerContext } from '../electron/handlers/context';
import { openStore, type Store } from '../electron/store/openDb';
import { joinTeam } from '../electron/team/join';
import { syncWithTeam } from '../electron/team/sync';
import { readBoard } from '../electron/teamStore/boardSql';
import { connectTeam, inTeamTransaction, teamTypes, type TeamConnection } from '../electron/teamStore/connect';
import { initTeamSchema } from '../electron/teamStore/init';
import { addTeamLogin } from '../electron/teamStore/logins';
import { STATS_WORK_MEM, teamAgentTotals, teamDayTotals, teamDayVolumes, teamDimensions, teamHourVolumes, teamResponseTenths, teamSettledFigures, type TeamStatsRange } from '../electron/teamStore/teamStatsSql';
import { startCluster, type PgCluster } from '../tests/helpers/pgCluster';
import { loadByCopy, withClient } from './pgCopy';
import { report, timeIt, type Figure } from './timing';

/**
 * The team server (issue 14's Performance table), on a throw-away PostgreSQL
 * of its own (tests/helpers/pgCluster.ts: initdb, fsync off, as the tests run
 * it), each figure against a floor measured in the same run where it has one:
 * - team month statistics and the board on 1,000,000 records of 20 desks;
 * - catch-up: one desk joining with 100,000 records never pushed;
 * - sync lag: 20 desks logging a click a second, from the click's commit to the
 *   server's notification that the desk's mark passed it.
 * argv: (the shared demo database, unused), the last demo date, this bench's cache folder.
 */
const APP_VERSION = '0.1.0';
const DESKS = 20;
const CLICK_SECONDS = 20;

const mib = (file: string) => (fs.statSync(file).size / 1024 / 1024).toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** A demo database in this bench's cache, filled once with `hotline demo` (the built CLI) and kept. */
function cachedDemo(dir: string, name: string, args: string[]): string {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return file;
  say(`Filling ${file} (once; kept for later runs): hotline demo ${args.join(' ')}`);
  execFileSync(process.execPath, ['bin/hotline.cjs', 'demo', ...args, '--db', `${file}.partial`], { stdio: 'inherit' });
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${file}.partial${suffix}`)) fs.renameSync(`${file}.partial${suffix}`, `${file}${suffix}`);
  return file;
}

async function main(): Promise<void> {
  const [, until, dir] = process.argv.slice(2) as [string, string, string];
  fs.mkdirSync(dir, { recursive: true });
  // HOTLINE_TEAM_BENCH=catchup runs the catch-up alone (its 100,000-record file is quick to fill; the 1,000,000 are not).
  const parts = new Set((process.env.HOTLINE_TEAM_BENCH ?? 'stats,catchup,sync').split(','));
  const teamFile = parts.has('stats') ? cachedDemo(dir, 'team-1000000.db', ['--records', '1000000', '--days', '625', '--agents', String(DESKS), '--until', until, '--seed', '2']) : '';
  const catchUpFile = cachedDemo(dir, 'catchup-100000.db', ['--records', '100000', '--days', '60', '--until', until, '--seed', '1']);
  const cluster = await startCluster();
  try {
    const server = (await withClient(cluster.superUrl, (c) => c.query<{ v: string }>("SELECT current_setting('server_version') AS v"))).rows[0]!.v;
    say(`Team server: PostgreSQL ${server}, a throw-away cluster (fsync off), on this machine with the bench`);
    await initTeamSchema(cluster.superUrl);
    const lead = connectTeam((await addTeamLogin(cluster.superUrl, 'lead', 'bench')).url, { kind: 'lead' });
    try {
      if (parts.has('stats')) await statisticsAndBoard(cluster, lead, teamFile, until);
      if (parts.has('catchup')) await catchUp(cluster, catchUpFile);
      if (parts.has('sync')) await syncLag(cluster);
    } finally {
      await lead.close();
    }
  } finally {
    await cluster.stop();
  }
}

/** Measures 3 and 4: 1,000,000 records of 20 desks (one demo's 20 agents, a desk each) loaded by COPY, then a month's statistics and the board. */
async function statisticsAndBoard(cluster: PgCluster, lead: TeamConnection, file: string, until: string): Promise<void> {
  const source = new BetterSqlite3(file, { readonly: true });
  const agents = source.prepare('SELECT DISTINCT agent FROM calls ORDER BY agent').pluck().all() as string[];
  const deskOf = new Map(agents.map((agent, i) => [agent, `D${String(i + 1).padStart(2, '0')}`]));
  for (const code of deskOf.values()) await addTeamLogin(cluster.superUrl, 'desk', code);
  let t = performance.now();
  const loaded = await loadByCopy(cluster.superUrl, source, { deskOf: (c) => deskOf.get(c.agent)!, children: false, tag: 'team' });
  const loadS = (performance.now() - t) / 1000;
  source.close();
  t = performance.now();
  await withClient(cluster.superUrl, async (c) => {
    await c.query('VACUUM ANALYZE hotline_team.calls');
    // Every desk heard from a minute ago, as a live team's would be.
    await c.query('UPDATE hotline_team.desks SET last_seen_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000');
  });
  say(
    `Loaded ${loaded.toLocaleString('en')} calls of ${deskOf.size} desks (${file}, ${mib(file)} MiB) by psql \\copy into a staging table and INSERT … SELECT as the owner in ${loadS.toFixed(1)} s (${Math.round(loaded / loadS).toLocaleString('en')} calls/s); VACUUM ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const month: TeamStatsRange = { from: `${until.slice(0, 7)}-01`, to: until };
  const oneDesk: TeamStatsRange = { ...month, desks: ['D01'] };
  const inMonth = (await teamDayTotals(lead, month)).calls;
  const running = (await lead.query<{ n: number }>('SELECT count(*) AS n FROM hotline_team.calls WHERE next_due_at IS NOT NULL AND voided_at IS NULL')).rows[0]!.n;
  // The floor gets the same memory as teamSettledFigures (the comparison is of the SQL), in the same kind of transaction.
  const lean = (r: TeamStatsRange) => {
    const text = leanStatistics(r);
    return () => inTeamTransaction(lead.pool, async (client) => {
      await client.query(`SET LOCAL work_mem = '${STATS_WORK_MEM}'`);
      await client.query(text);
    });
  };
  const floorMonth = lean(month);
  const floorDesk = lean(oneDesk);
  const floorDefaultMemory = leanStatistics(month);
  const parts = async (r: TeamStatsRange) => {
    for (const read of [teamDayTotals, teamDimensions, teamAgentTotals, teamResponseTenths, teamDayVolumes, teamHourVolumes]) await read(lead, r);
  };
  const figures: Figure[] = [
    await timeIt(`team month statistics (${month.from} – ${month.to}, ${inMonth.toLocaleString('en')} calls, 20 desks): teamSettledFigures, one statement`, 150, 15, () => teamSettledFigures(lead, month), floorMonth),
    await timeIt('the same month, the six reads one after another (dayTotals, dimensions, agentTotals, responseTenths, dayVolumes, hourVolumes)', 150, 10, () => parts(month), floorMonth),
    await timeIt(`one desk's month (D01, desk filter)`, 150, 15, () => teamSettledFigures(lead, oneDesk), floorDesk),
    await timeIt('the month floor at the default work_mem (4 MB), against the floor with 32 MB', 150, 10, () => lead.query(floorDefaultMemory), floorMonth),
    await timeIt(`board (${running.toLocaleString('en')} calls with a running target: the 500 most urgent, every desk's counts)`, 50, 30, () => readBoard(lead), async () => {
      await lead.query('SELECT desk_code, record_no, next_due_at FROM hotline_team.calls WHERE next_due_at IS NOT NULL AND voided_at IS NULL ORDER BY next_due_at LIMIT 500');
      await lead.query('SELECT desk_code, count(*) FROM hotline_team.calls WHERE next_due_at IS NOT NULL AND voided_at IS NULL GROUP BY desk_code');
    }),
  ];
  report(`Team statistics and board on ${loaded.toLocaleString('en')} calls of 20 desks (as a lead's login; floors: hand-written SQL, same login)`, figures);
}

/** The floor of a period's statistics: the leanest single statement for the same figures (no '' for none, no casts, literals for the range). */
function leanStatistics(r: TeamStatsRange): string {
  const desk = r.desks ? ` AND desk_code IN (${r.desks.map((d) => `'${d}'`).join(', ')})` : '';
  return `SELECT GROUPING(priority, category, result, agent, t, desk_code, local_date, local_hour) AS g, priority, category, result, agent, t, desk_code, local_date, local_hour,
    count(*), count(answered_at), sum(answered_at - call_at), count(*) FILTER (WHERE answered_at <= response_due_at), count(*) FILTER (WHERE answered_at > response_due_at),
    count(response_due_at), count(*) FILTER (WHERE resolved_at <= resolution_due_at), count(*) FILTER (WHERE resolved_at IS NOT NULL OR result = 'cannot_resolve'), sum(ended_breach),
    count(*) FILTER (WHERE feedback = 'satisfied'), count(*) FILTER (WHERE feedback = 'basically_satisfied'), count(*) FILTER (WHERE feedback = 'unsatisfied'),
    sum(score_speed), count(score_speed), sum(score_professionalism), count(score_professionalism), sum(score_resolution), count(score_resolution)
  FROM (SELECT *, (answered_at - call_at) / 6000 AS t FROM hotline_team.calls WHERE local_date BETWEEN '${r.from}' AND '${r.to}' AND voided_at IS NULL${desk}) c
  GROUP BY GROUPING SETS ((), (priority, category, result), (agent), (t), (desk_code, local_date), (local_hour))`;
}

/** Measure 1: a desk with 100,000 records never pushed joins (joinTeam: compare, then the batches, default size), through push_records_v2 and, as another desk, through the old push_records, against the same snapshots loaded by COPY, before and after. */
async function catchUp(cluster: PgCluster, file: string): Promise<void> {
  const source = new BetterSqlite3(file, { readonly: true });
  const code = source.prepare('SELECT code FROM desk').pluck().get() as string;
  const records = source.prepare('SELECT count(*) FROM calls WHERE desk_code = ?').pluck().get(code) as number;
  const children = ['transfers', 'steps', 'miss_reasons', 'audit_log'].map((t) => `${(source.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number).toLocaleString('en')} ${t}`).join(', ');
  const floor = async (tag: string) => {
    await addTeamLogin(cluster.superUrl, 'desk', tag.toUpperCase());
    const t = performance.now();
    await loadByCopy(cluster.superUrl, source, { deskOf: () => tag.toUpperCase(), children: true, tag });
    return (performance.now() - t) / 1000;
  };
  const floorBefore = await floor('floora');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-team-'));
  /** joinTeam of a fresh copy of the desk, as desk `as`; `oldPush`: through 0002's push_records (a server without 0005, as an app of that time pushed). */
  const join = async (as: string, oldPush: boolean) => {
    const copy = path.join(work, `${as}.db`);
    for (const suffix of ['', '-wal']) if (fs.existsSync(`${file}${suffix}`)) fs.copyFileSync(`${file}${suffix}`, `${copy}${suffix}`);
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', as);
    const store = await openStore(copy);
    if (as !== code) store.sqlite.transaction(() => {
      store.sqlite.prepare('UPDATE desk SET code = ?').run(as);
      store.sqlite.prepare('UPDATE calls SET desk_code = ?').run(as);
    }).immediate();
    // The throw-away server only: push_records_v2 out of sight makes the app take push_records, as against a server at schema 4.
    const rename = (from: string, to: string) => withClient(cluster.superUrl, (c) => c.query(`ALTER FUNCTION hotline_team.${from} RENAME TO ${to}`));
    if (oldPush) await rename('push_records_v2', 'push_records_v2_hidden');
    const t = performance.now();
    let joined;
    try {
      joined = await joinTeam(store, url, { appVersion: APP_VERSION });
    } finally {
      await store.close();
      if (oldPush) await rename('push_records_v2_hidden', 'push_records_v2');
    }
    if (joined.pushed !== records || joined.waiting !== 0) throw new Error(`catch-up pushed ${joined.pushed} of ${records}, ${joined.waiting} waiting`);
    return (performance.now() - t) / 1000;
  };
  try {
    // The old push first: the new one then stores into tables 100,000 records fuller, against it rather than for it.
    const oldS = await join(`${code}OLD`, true);
    const pushS = await join(code, false);
    const floorAfter = await floor('floorb');
    source.close();
    const floorS = (floorBefore + floorAfter) / 2;
    const floorRate = records / floorS;
    say(`Catch-up: desk ${code}, ${records.toLocaleString('en')} records never pushed (${children}; ${file})`);
    say('| what | time | records/s | floor (COPY + INSERT … SELECT) | ratio to floor | goal |');
    say('|---|---|---|---|---|---|');
    const row = (what: string, seconds: number) => {
      const rate = records / seconds;
      say(
        `| ${what} | ${seconds.toFixed(1)} s | ${Math.round(rate).toLocaleString('en')} | ${floorS.toFixed(1)} s (${floorBefore.toFixed(1)} s before, ${floorAfter.toFixed(1)} s after), ${Math.round(floorRate).toLocaleString('en')}/s | ${(rate / floorRate).toFixed(2)}× | ≥ 5,000/s and ≥ 0.5×: ${rate >= 5000 && rate / floorRate >= 0.5 ? 'yes' : 'NO'} |`,
      );
    };
    row('joinTeam, default batch (push_records_v2, rows per table)', pushS);
    row('the same through push_records (one jsonb; a server without 0005)', oldS);
    say('');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Click {
  desk: string;
  seq: number;
  committedAt: number;
  seenAt?: number;
}

/** Measure 2: 20 desks (SQLite files, the real dispatcher, each with its own pusher connection as the bulk worker has) × 1 click/s; a lead LISTENs. */
async function syncLag(cluster: PgCluster): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-sync-'));
  const desks: Array<{ code: string; store: Store; pusherStore: Store; ctx: HandlerContext; url: string }> = [];
  const listener = new pg.Client({ connectionString: (await addTeamLogin(cluster.superUrl, 'lead', 'listener')).url, types: teamTypes });
  const abort = new AbortController();
  // Every desk's pusher waits on this one signal.
  setMaxListeners(DESKS * 4, abort.signal);
  const syncs: Array<Promise<void>> = [];
  const clicks: Click[] = [];
  const clickMs: number[] = [];
  try {
    for (let i = 1; i <= DESKS; i++) {
      const code = `S${String(i).padStart(2, '0')}`;
      const file = path.join(work, `${code}.db`);
      const store = await openStore(file);
      const ctx: HandlerContext = { db: store.db, now: Date.now, session: { userId: null } };
      const setup = await dispatch('setupDesk', { code, timeZone: 'Asia/Shanghai', agentName: '李娜' }, ctx);
      if (!setup.ok) throw new Error(`setupDesk ${code}: ${setup.error.message}`);
      const { url } = await addTeamLogin(cluster.superUrl, 'desk', code);
      await joinTeam(store, url, { appVersion: APP_VERSION });
      desks.push({ code, store, pusherStore: await openStore(file), ctx, url });
    }
    await listener.connect();
    await listener.query('LISTEN hotline_team');
    listener.on('notification', (message) => {
      const at = performance.now();
      const { desk, seq } = JSON.parse(message.payload ?? '{}') as { desk: string; seq: number };
      for (const click of clicks) if (click.seenAt === undefined && click.desk === desk && click.seq <= seq) click.seenAt = at;
    });
    // Each desk's pusher with its default pacing, on its own SQLite connection and one PostgreSQL connection.
    for (const d of desks) syncs.push(syncWithTeam(d.pusherStore, { url: d.url, appVersion: APP_VERSION, signal: abort.signal }));
    await new Promise((r) => setTimeout(r, 1500));

    const click = async (d: (typeof desks)[number], n: number, last: { id?: number }) => {
      const t = performance.now();
      const result = n % 2 === 0 || last.id === undefined ? await dispatch('startCall', {}, d.ctx) : await dispatch('answerCall', { id: last.id }, d.ctx);
      if (!result.ok) throw new Error(`click at ${d.code}: ${result.error.message}`);
      const committedAt = performance.now();
      clickMs.push(committedAt - t);
      if (n % 2 === 0) last.id = (result.value as { id: number }).id;
      clicks.push({ desk: d.code, seq: d.store.sqlite.prepare('SELECT last_seq FROM team_link').pluck().get() as number, committedAt });
    };
    const started = performance.now();
    await Promise.all(
      desks.map(async (d, i) => {
        const last: { id?: number } = {};
        for (let n = 0; n < CLICK_SECONDS; n++) {
          const due = started + (i * 1000) / DESKS + n * 1000;
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
          await click(d, n, last);
        }
      }),
    );
    const until = performance.now() + 15_000;
    while (clicks.some((c) => c.seenAt === undefined) && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    const lags = clicks.filter((c) => c.seenAt !== undefined).map((c) => c.seenAt! - c.committedAt);
    const missing = clicks.length - lags.length;
    say(`Sync lag: ${DESKS} desks × 1 click/s for ${CLICK_SECONDS} s (startCall and answerCall alternately, through the real dispatcher), each desk's pusher (syncWithTeam, default pacing) in this one process; from the click's commit to the lead's NOTIFY saying the desk's mark passed it`);
    say('| clicks | p50 | p95 | max | not seen in 15 s | click p50 / p95 (dispatch) | goal |');
    say('|---|---|---|---|---|---|---|');
    say(
      `| ${clicks.length} | ${median(lags).toFixed(0)} ms | ${quantile(lags, 0.95).toFixed(0)} ms | ${Math.max(...lags).toFixed(0)} ms | ${missing} | ${median(clickMs).toFixed(1)} / ${quantile(clickMs, 0.95).toFixed(1)} ms | p95 < 2 s: ${quantile(lags, 0.95) < 2000 && missing === 0 ? 'yes' : 'NO'} |`,
    );
    say('');
  } finally {
    abort.abort();
    await Promise.allSettled(syncs);
    await listener.end().catch(() => undefined);
    for (const d of desks) {
      await d.pusherStore.close();
      await d.store.close();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
