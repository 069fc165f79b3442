import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { outboxCounts, parkedEntries } from '../../../electron/store/outbox';
import { joinTeam } from '../../../electron/team/join';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// A desk joining with more records than one batch: the join reads each next
// batch while the server stores the current one, and a record the server
// refuses still ends up parked, the rest stored, nothing doubled.
let cluster: PgCluster;
const opened: TestDesk[] = [];
beforeAll(async () => {
  cluster = await startTeamServer();
}, 120_000);
afterAll(async () => {
  for (const d of opened) await d.close();
  await cluster?.stop();
});

async function deskWith(code: string, records: number): Promise<TestDesk> {
  const desk = await openTestDesk({ code });
  opened.push(desk);
  await fillDemo(desk.store, { records, days: 5, agents: 2, seed: code, until: '2026-06-30' });
  return desk;
}

const serverCount = (code: string) => asSuperuser(cluster, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM hotline_team.calls WHERE desk_code = $1', [code])).rows[0]!.n);

describe('joining with a backlog', { timeout: 120_000 }, () => {
  it('pushes every record, batch after batch, with progress up to the total', async () => {
    const desk = await deskWith('K01', 1_234);
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', 'K01');
    const progress: number[] = [];
    const report = await joinTeam(desk.store, url, { appVersion: '0.1.0', onProgress: (pushed) => progress.push(pushed) });
    expect(report).toMatchObject({ pushed: 1_234, waiting: 0 });
    expect(progress).toEqual([0, 500, 1_000, 1_234]);
    expect(await serverCount('K01')).toBe(1_234);
  });

  it('parks the one record the server refuses and stores all the others', async () => {
    const desk = await deskWith('K02', 700);
    // A value SQLite keeps but the server's integer column refuses: the server's refusal of that record's data.
    const bad = desk.store.sqlite.prepare("UPDATE calls SET local_hour = 'not an hour' WHERE id = 600 RETURNING record_no").pluck().get() as string;
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', 'K02');
    const report = await joinTeam(desk.store, url, { appVersion: '0.1.0' });
    // The parked entry stays in the queue (shown on the desk), counted as waiting.
    expect(report).toMatchObject({ pushed: 699, waiting: 1 });
    expect((await parkedEntries(desk.store.db)).map((p) => p.record_no)).toEqual([bad]);
    expect(await outboxCounts(desk.store.db)).toEqual({ waiting: 1, parked: 1 });
    expect(await serverCount('K02')).toBe(699);
  });
});
