import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { sqliteStatsQueries, type AgentTotalsRow, type DayTotals, type DayVolumeRow, type DimRow, type StatsRange } from '../../../electron/store/statsQueries';
import { joinTeam } from '../../../electron/team/join';
import { readBoard } from '../../../electron/teamStore/boardSql';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import {
  teamAgentTotals,
  teamDayTotals,
  teamDayVolumes,
  teamDesksInRange,
  teamDimensions,
  teamHourVolumes,
  teamResponseTenths,
  teamRunningRows,
  teamSettledFigures,
  teamTopReasons,
  type TeamSettledFigures,
} from '../../../electron/teamStore/teamStatsSql';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer, teamLogin } from '../../helpers/teamServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// Team statistics and the board read the server's calls; the same figures must
// come out of each desk's own SQLite (its rollups), added up over the desks.
// Real demo records, pushed by the real join, on a real PostgreSQL.
const UNTIL = '2026-06-30';
const CODES = ['A01', 'B02', 'C03'];

let cluster: PgCluster;
const desks = new Map<string, TestDesk>();
let lead: Awaited<ReturnType<typeof teamLogin>>;

beforeAll(async () => {
  cluster = await startTeamServer();
  for (const [i, code] of CODES.entries()) {
    const desk = await openTestDesk({ code });
    desks.set(code, desk);
    await fillDemo(desk.store, { records: 250 + 60 * i, days: 8, agents: 3, seed: code, until: UNTIL });
    // A few calls voided as logged by mistake: they count in nothing, here or on the server.
    desk.store.sqlite.prepare("UPDATE calls SET voided_at = call_at + 60000, voided_by = '李娜', void_reason = 'test' WHERE id % 17 = 0").run();
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', code);
    await joinTeam(desk.store, url, { appVersion: '0.1.0' });
  }
  lead = await teamLogin(cluster, 'lead', 'wang');
}, 180_000);

afterAll(async () => {
  await lead?.conn.close();
  for (const desk of desks.values()) await desk.close();
  await cluster?.stop();
});

const sumTotals = (rows: DayTotals[]): DayTotals => {
  const out = { ...rows[0]! };
  for (const row of rows.slice(1)) for (const k of Object.keys(out) as Array<keyof DayTotals>) out[k] += row[k];
  return out;
};

/** Rows added up by key over desks, rows of no calls left out (a desk's rollups may keep a zeroed row). */
function merge<T extends { calls: number }>(rows: T[], key: (row: T) => string): T[] {
  const by = new Map<string, T>();
  for (const row of rows) {
    const found = by.get(key(row));
    if (!found) {
      by.set(key(row), { ...row });
      continue;
    }
    for (const [k, v] of Object.entries(row)) if (typeof v === 'number' && typeof (found as Record<string, unknown>)[k] === 'number' && k !== 'tenth' && k !== 'hour') (found as Record<string, number>)[k]! += v;
  }
  return [...by.values()].filter((row) => row.calls > 0);
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dimKey = (d: DimRow) => `${d.priority}|${d.category}|${d.result}`;

/** The settled figures of `codes` as their desks' own statistics give them, added up. */
async function fromDesks(codes: string[], range: StatsRange): Promise<TeamSettledFigures> {
  const parts = await Promise.all(
    codes.map(async (code) => {
      const q = sqliteStatsQueries(desks.get(code)!.store.db);
      const [totals, dimensions, agents, tenths, days, hours] = await Promise.all([q.dayTotals(range), q.dimensions(range), q.agentTotals(range), q.responseTenths(range), q.dayVolumes(range), q.hourVolumes(range)]);
      return { code, totals, dimensions, agents, tenths, days, hours };
    }),
  );
  return {
    totals: sumTotals(parts.map((p) => p.totals)),
    dimensions: merge(parts.flatMap((p) => p.dimensions), dimKey).sort((a, b) => byCode(dimKey(a), dimKey(b))),
    agents: merge<AgentTotalsRow>(parts.flatMap((p) => p.agents), (a) => a.agent).sort((a, b) => b.calls - a.calls || byCode(a.agent, b.agent)),
    responseTenths: merge(parts.flatMap((p) => p.tenths), (t) => String(t.tenth)).sort((a, b) => a.tenth - b.tenth),
    dayVolumes: parts
      .flatMap((p) => p.days.map((row) => ({ code: p.code, row })))
      .sort((a, b) => byCode(a.row.date, b.row.date) || byCode(a.code, b.code))
      .map((d): DayVolumeRow => d.row),
    hourVolumes: merge(parts.flatMap((p) => p.hours), (h) => String(h.hour)).sort((a, b) => a.hour - b.hour),
  };
}

const sortedDims = (f: TeamSettledFigures) => ({ ...f, dimensions: [...f.dimensions].sort((a, b) => byCode(dimKey(a), dimKey(b))) });
const NOW = Date.parse(`${UNTIL}T23:59:00Z`);

describe('team statistics over the pushed calls', () => {
  it('equal the desks’ own statistics added up, for the whole team, a desk filter and a shorter period', async () => {
    const whole = { from: '2026-06-01', to: UNTIL };
    const team = await teamSettledFigures(lead.conn, whole);
    expect(team.totals.calls).toBeGreaterThan(700);
    expect(sortedDims(team)).toEqual(await fromDesks(CODES, { ...whole, now: NOW }));

    const twoDesks = { from: '2026-06-25', to: '2026-06-28', desks: ['A01', 'C03'] };
    expect(sortedDims(await teamSettledFigures(lead.conn, twoDesks))).toEqual(await fromDesks(['A01', 'C03'], { from: twoDesks.from, to: twoDesks.to, now: NOW }));
  });

  it('count no voided call', async () => {
    const range = { from: '2026-06-01', to: UNTIL };
    const voided = CODES.reduce((n, code) => n + (desks.get(code)!.store.sqlite.prepare('SELECT count(*) FROM calls WHERE voided_at IS NOT NULL').pluck().get() as number), 0);
    const all = CODES.reduce((n, code) => n + (desks.get(code)!.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get() as number), 0);
    expect(voided).toBeGreaterThan(20);
    expect((await teamDayTotals(lead.conn, range)).calls).toBe(all - voided);
  });

  it('give each part alone what the one statement gives', async () => {
    const range = { from: '2026-06-24', to: '2026-06-29', desks: ['B02', 'A01'] };
    const together = await teamSettledFigures(lead.conn, range);
    expect(await teamDayTotals(lead.conn, range)).toEqual(together.totals);
    expect((await teamDimensions(lead.conn, range)).sort((a, b) => byCode(dimKey(a), dimKey(b)))).toEqual(sortedDims(together).dimensions);
    expect(await teamAgentTotals(lead.conn, range)).toEqual(together.agents);
    expect(await teamResponseTenths(lead.conn, range)).toEqual(together.responseTenths);
    expect(await teamDayVolumes(lead.conn, range)).toEqual(together.dayVolumes);
    expect(await teamHourVolumes(lead.conn, range)).toEqual(together.hourVolumes);
    expect(await teamDesksInRange(lead.conn, range)).toEqual(CODES);
  });

  it('an empty period gives zeros and no rows', async () => {
    const empty = await teamSettledFigures(lead.conn, { from: '2020-01-01', to: '2020-01-31' });
    expect(empty.totals.calls).toBe(0);
    expect(empty).toMatchObject({ dimensions: [], agents: [], responseTenths: [], dayVolumes: [], hourVolumes: [] });
  });

  it('running rows and top reasons equal the desks’', async () => {
    const range = { from: '2026-06-01', to: UNTIL, now: NOW };
    const key = (r: object) => JSON.stringify(r);
    const local = (await Promise.all(CODES.map((c) => sqliteStatsQueries(desks.get(c)!.store.db).runningRows(range)))).flat().map(key).sort();
    expect(local.length).toBeGreaterThan(0);
    expect((await teamRunningRows(lead.conn, range)).map(key).sort()).toEqual(local);
    const reasons = merge((await Promise.all(CODES.map((c) => sqliteStatsQueries(desks.get(c)!.store.db).topReasons({ ...range, from: '2000-01-01' })))).flat(), (r) => r.reason);
    // Each desk gives only its own ten: compare the team's top reason, which leads every desk's list by far.
    const top = (await teamTopReasons(lead.conn, { from: '2000-01-01', to: UNTIL }))[0]!;
    expect(top.calls).toBe(Math.max(...reasons.map((r) => r.calls)));
  });
});

describe('the team board', () => {
  it('lists every desk’s calls with a running target, earliest due first, none voided, and each desk with its counts', async () => {
    const board = await readBoard(lead.conn);
    const local = CODES.flatMap((code) =>
      (desks.get(code)!.store.sqlite.prepare('SELECT desk_code, record_no, next_due_at FROM calls WHERE next_due_at IS NOT NULL AND voided_at IS NULL').all() as Array<{ desk_code: string; record_no: string; next_due_at: number }>),
    ).sort((a, b) => a.next_due_at - b.next_due_at || byCode(a.desk_code, b.desk_code) || byCode(a.record_no, b.record_no));
    expect(local.length).toBeGreaterThan(0);
    expect(board.calls.map((c) => ({ desk_code: c.desk_code, record_no: c.record_no, next_due_at: c.next_due_at }))).toEqual(local.slice(0, 500));
    expect(Math.abs(board.serverNow - Date.now())).toBeLessThan(60_000);
    expect(board.desks.map((d) => d.desk_code)).toEqual(CODES);
    for (const d of board.desks) {
      const mine = local.filter((c) => c.desk_code === d.desk_code);
      expect(d).toMatchObject({ running: mine.length, overdue: mine.filter((c) => c.next_due_at < board.serverNow).length });
      expect(d.last_seen_at).toBeGreaterThan(Date.now() - 600_000);
    }
    const limited = await readBoard(lead.conn, { limit: 5 });
    expect(limited.calls.map((c) => c.record_no)).toEqual(local.slice(0, 5).map((c) => c.record_no));
  });
});
