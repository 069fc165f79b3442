import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { joinTeam } from '../../../electron/team/join';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { localRecords, serverCounts, serverRecords } from '../../helpers/teamCompare';
import { startTeamServer } from '../../helpers/teamServer';
import { caughtUp, linkedStatus, startSync, TEST_APP_VERSION, waitFor } from '../../helpers/teamSync';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// Twenty desks (each its own SQLite file and its own desk login) logging through
// the real dispatcher and pushing at once: the server must end with exactly the
// union of their records, equal in content, and count each desk's as it does.
const DESKS = 20;

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startTeamServer();
}, 120_000);
afterAll(() => cluster?.stop(), 60_000);

const opened: TestDesk[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close().catch(() => undefined);
});

/** A few calls of every kind: closed with steps, breached with a miss reason, transferred (answered or not), open. */
async function logSome(d: TestDesk, n: number): Promise<void> {
  await callAtStage(d, 'closed', { steps: [`第${n}号：已联系维修班组`, '回访客户'] });
  await callAtStage(d, 'breached', { missReason: { code: 'overload', text: '高峰' } });
  await callAtStage(d, 'transferred', { transfer: { to: '技术部', after: 2, ...(n % 2 === 0 ? { answeredAfter: 5 } : {}) } });
  await callAtStage(d, n % 3 === 0 ? 'started' : 'answered');
}

describe('twenty desks and one team server', { timeout: 90_000 }, () => {
  it('the server ends with exactly the union of the desks records, equal in content, and counts each desk as the desk does', async () => {
    const codes = Array.from({ length: DESKS }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
    const desks = await Promise.all(
      codes.map(async (code) => {
        const d = await openTestDesk({ code });
        opened.push(d);
        return { d, code, url: (await addTeamLogin(cluster.superUrl, 'desk', code)).url };
      }),
    );
    // History before the join, the join itself (all at once), then more calls while every pusher runs.
    await Promise.all(desks.map(({ d }, i) => logSome(d, i)));
    const joined = await Promise.all(desks.map(({ d, url }) => joinTeam(d.store, url, { appVersion: TEST_APP_VERSION })));
    expect(joined.map((j) => j.waiting)).toEqual(codes.map(() => 0));

    const syncs = desks.map(({ d, url }) => startSync(d, url));
    try {
      await Promise.all(
        desks.map(async ({ d }, i) => {
          await logSome(d, i + 1);
          // A change to a record already on the server: a step on the first call.
          const first = d.store.sqlite.prepare('SELECT id FROM calls ORDER BY id LIMIT 1').get() as { id: number };
          await d.ok('addStep', { id: first.id, text: '再次回访' });
        }),
      );
      const all = await waitFor(async () => (await Promise.all(desks.map(({ d }) => caughtUp(d)))).every(Boolean), 30_000);
      expect(all).toBe(true);
    } finally {
      await Promise.all(syncs.map((s) => s.stop()));
    }

    for (const { d } of desks) expect(await linkedStatus(d)).toMatchObject({ waiting: 0, lastOutcome: 'ok', unreachableSince: null, parked: [] });
    const counts = await serverCounts(cluster);
    expect(counts).toEqual(Object.fromEntries(desks.map(({ d, code }) => [code, localRecords(d).length])));
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(DESKS * 8);
    for (const { d, code } of desks) expect(await serverRecords(cluster, code)).toEqual(localRecords(d));
  });
});
