import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { importArchive } from '../../../electron/archive/import';
import { fillDemo } from '../../../electron/demo/generate';
import { currentPolicy } from '../../../electron/records/policies';
import { computeStats } from '../../../electron/stats';
import { breachesOf, desksInRange } from '../../../electron/stats/breaches';
import { sqliteStatsQueries } from '../../../electron/store/statsQueries';
import { joinTeam } from '../../../electron/team/join';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { teamStatsQueries } from '../../../electron/teamStore/teamStatsQueries';
import { openTeamScope } from '../../../electron/team/scope';
import { exportTeam } from '../../../electron/team/teamExport';
import fs from 'node:fs';
import { reviewPage } from '../../../electron/store/review';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer, teamLogin } from '../../helpers/teamServer';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

// Team scope: the Statistics screen's figures (computeStats, the very code a
// desk runs) over the team server must equal those of every desk's Excel
// export imported into one SQLite database, medians, p90 and rates included.
const UNTIL = '2026-06-30';
const RANGE = { from: '2026-06-23', to: '2026-06-30' };
const CODES = ['S01', 'S02', 'S03'];
/** After the last demo day: every running target judged at one instant on both sides. */
const NOW = Date.UTC(2026, 6, 1, 4);

let cluster: PgCluster;
let lead: Awaited<ReturnType<typeof teamLogin>>;
let merged: TestDesk;
const desks: TestDesk[] = [];
const tmp = tempDir();

beforeAll(async () => {
  cluster = await startTeamServer();
  merged = await openTestDesk({ code: 'MRG' });
  for (const [i, code] of CODES.entries()) {
    const desk = await openTestDesk({ code });
    desks.push(desk);
    await fillDemo(desk.store, { records: 300 + 50 * i, days: 8, agents: 3, seed: code, until: UNTIL });
    await joinTeam(desk.store, (await addTeamLogin(cluster.superUrl, 'desk', code)).url, { appVersion: '0.1.0' });
    const file = path.join(tmp.dir, `${code}.csv`);
    await exportArchive(desk.store.db, { filter: RANGE, format: 'csv', file, now: NOW });
    await importArchive(merged.store.db, { file, actor: '李娜', now: NOW });
  }
  lead = await teamLogin(cluster, 'lead', 'scope');
}, 240_000);

afterAll(async () => {
  await lead?.conn.close();
  for (const desk of [...desks, merged]) await desk?.close();
  await cluster?.stop();
  tmp.remove();
});

/** The records of a CSV file, each as its raw text (a quoted field may hold line breaks: a record's steps). */
function csvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (i > start) out.push(text.slice(start, i));
      if (ch === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

describe('team scope', { timeout: 60_000 }, () => {
  it("gives the same statistics as every desk's export imported into one database", async () => {
    const { policy } = await currentPolicy(merged.store.db);
    const range = { ...RANGE, now: NOW };
    const team = await computeStats(teamStatsQueries(lead.conn), range, policy);
    const local = await computeStats(sqliteStatsQueries(merged.store.db), range, policy);
    expect(team.kpis.calls).toBe(desks.length === 3 ? local.kpis.calls : -1);
    expect(team.kpis.calls).toBeGreaterThan(800);
    expect(team).toEqual(local);
  });

  it('counts per desk add up to the team, and a desk filter gives that desk alone', async () => {
    const { policy } = await currentPolicy(merged.store.db);
    const range = { ...RANGE, now: NOW };
    const per = await Promise.all(CODES.map((code) => computeStats(teamStatsQueries(lead.conn, [code]), range, policy)));
    const own = await Promise.all(desks.map((d) => computeStats(sqliteStatsQueries(d.store.db), range, policy)));
    expect(per.map((s) => s.kpis.calls)).toEqual(own.map((s) => s.kpis.calls));
    expect(per.map((s) => s.response.medianMin)).toEqual(own.map((s) => s.response.medianMin));
    const team = await computeStats(teamStatsQueries(lead.conn), range, policy);
    expect(per.reduce((n, s) => n + s.kpis.calls, 0)).toBe(team.kpis.calls);
    expect(await desksInRange(teamStatsQueries(lead.conn, ['S02']), RANGE)).toEqual(['S02']);
  });

  it("lists the period's breaches as the merged database does", async () => {
    const range = { ...RANGE, now: NOW };
    const team = await breachesOf(teamStatsQueries(lead.conn), range);
    const local = await breachesOf(sqliteStatsQueries(merged.store.db), range);
    expect({ total: team.total, byReason: team.byReason, withoutReason: team.withoutReason }).toEqual({ total: local.total, byReason: local.byReason, withoutReason: local.withoutReason });
    const shape = (b: typeof team) => b.recent.map(({ id: _id, ...item }) => item);
    expect(shape(team)).toEqual(shape(local));
  });

  it("exports the team's records with the desk's own export: every row as each desk's own export writes it", async () => {
    const scope = openTeamScope(lead.url);
    try {
      const file = path.join(tmp.dir, 'team.csv');
      const result = await exportTeam(scope, merged.store, { filter: RANGE, format: 'csv', file, now: NOW });
      const rows = (f: string) => csvRecords(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
      const [header, ...team] = rows(file);
      const own = CODES.flatMap((code) => rows(path.join(tmp.dir, `${code}.csv`)));
      expect(header).toBe(own[0]);
      expect(result.rows).toBe(team.length);
      expect([...team].sort()).toEqual(own.filter((line) => line !== header).sort());
      const oneDesk = path.join(tmp.dir, 'S02-team.csv');
      await exportTeam(scope, merged.store, { filter: RANGE, format: 'csv', file: oneDesk, now: NOW, desks: ['S02'] });
      expect(rows(oneDesk)).toEqual(rows(path.join(tmp.dir, 'S02.csv')));
    } finally {
      await scope.close();
    }
  });

  it("lists the team's records in Review as the merged database lists them, for each filter, search and sort", async () => {
    const scope = openTeamScope(lead.url);
    try {
      const key = (r: { desk_code: string; record_no: string; state: string }) => `${r.desk_code} ${r.record_no} ${r.state}`;
      const cases = [
        { filter: { ...RANGE }, sort: 'callAt' as const, dir: 'desc' as const },
        { filter: { ...RANGE, state: 'breached' as const }, sort: 'response' as const, dir: 'asc' as const },
        { filter: { ...RANGE, deskCode: 'S02', state: 'met' as const }, sort: 'recordNo' as const, dir: 'asc' as const },
        { filter: { ...RANGE, text: '物流' }, sort: 'agent' as const, dir: 'asc' as const },
        { filter: { ...RANGE, category: 'order' }, sort: 'priority' as const, dir: 'desc' as const },
      ];
      for (const c of cases) {
        const paging = { sort: c.sort, dir: c.dir, limit: 40, offset: 10 };
        const team = await scope.review(c.filter, paging, NOW);
        const local = await reviewPage(merged.store.db, c.filter, paging, NOW);
        expect(team.total).toBe(local.total);
        // The same records in the same order wherever the sort key differs (ties may go either way between the two engines).
        expect(new Set(team.rows.map(key)).size).toBe(team.rows.length);
        if (c.sort === 'callAt' || c.sort === 'recordNo') expect(team.rows.map(key)).toEqual(local.rows.map((r) => key({ desk_code: r.desk_code, record_no: r.record_no, state: r.state })));
      }
      expect((await scope.review({ ...RANGE }, { sort: 'callAt', dir: 'desc', limit: 5000, offset: 0 }, NOW)).total).toBeGreaterThan(800);
      expect(await scope.reviewAgents({ ...RANGE, deskCode: 'S01' })).toEqual((await merged.store.db.selectFrom('calls').select('agent').distinct().where('desk_code', '=', 'S01').orderBy('agent').execute()).map((r) => r.agent));
    } finally {
      await scope.close();
    }
  });
});

