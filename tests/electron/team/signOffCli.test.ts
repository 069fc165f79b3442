import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTeam } from '../../../electron/team/join';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { bundleCli } from '../../helpers/bundle';
import { callAtStage } from '../../helpers/callAtStage';
import { runCli } from '../../helpers/cli';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer } from '../../helpers/teamServer';
import { caughtUp, startSync, waitFor } from '../../helpers/teamSync';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

// A lead's `hotline team day` and `hotline team sign-off`, through the bundled CLI, against a real PostgreSQL.
describe('hotline team day and hotline team sign-off', { timeout: 120_000 }, () => {
  let cluster: PgCluster;
  let cli: string;
  let desk: TestDesk;
  let env: Record<string, string>;
  const tmp = tempDir();
  beforeAll(async () => {
    [cluster, cli] = await Promise.all([startTeamServer(), bundleCli(tmp.dir)]);
    env = { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'lead', 'sun')).url };
    desk = await openTestDesk({ code: 'C1' });
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
    await cluster?.stop();
    tmp.remove();
  }, 60_000);

  it("shows a desk's day and what blocks it, refuses to sign it until it is fixed, then signs it once", async () => {
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'C1')).url;
    await callAtStage(desk, 'closed');
    const open = await callAtStage(desk, 'answered');
    await joinTeam(desk.store, url, { appVersion: '0.1.0' });

    const day = await runCli(cli, ['team', 'day', 'C1', '2024-05-20'], { env });
    expect(day).toMatchObject({ code: 0, stderr: '' });
    expect(day.stdout).toMatch(
      new RegExp(
        `^Desk C1, 2024-05-20 \\(Asia/Shanghai\\): over · 2 records\\nBlocking its sign-off \\(2\\):\\n  ${open.recordNo}: not closed and no follow-up owner\\n  ${open.recordNo}: resolution missed without a reason\\nDesk C1: pushed up to 1/\\d+, last heard from \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, changes waiting: not reported\\n$`,
      ),
    );
    const blocked = await runCli(cli, ['team', 'sign-off', 'C1', '2024-05-20'], { env });
    expect(blocked).toMatchObject({ code: 1, stdout: '' });
    expect(blocked.stderr).toBe(`hotline team sign-off: 2024-05-20 of desk C1 cannot be signed off yet: ${open.recordNo}: not closed and no follow-up owner; ${open.recordNo}: resolution missed without a reason\n`);

    // The desk fixes it, and its sync pushes the record and reports that nothing waits.
    desk.clock.ms = Date.now();
    await desk.ok('addMissReason', { id: open.id, kind: 'resolution', index: 0, code: 'overload' });
    await desk.ok('setResult', { id: open.id, result: 'resolved' });
    await desk.ok('closeCall', { id: open.id });
    const sync = startSync(desk, url, { inboxEveryMs: 50 });
    try {
      expect(await waitFor(async () => (await caughtUp(desk)) && JSON.parse((await runCli(cli, ['team', 'day', 'C1', '2024-05-20', '--json'], { env })).stdout).waiting === 0)).toBe(true);
    } finally {
      await sync.stop();
    }
    const json = JSON.parse((await runCli(cli, ['team', 'day', 'C1', '2024-05-20', '--json'], { env })).stdout);
    expect(json).toMatchObject({ desk: 'C1', date: '2024-05-20', timeZone: 'Asia/Shanghai', over: true, records: 2, blockers: [], waiting: 0, signedOff: null, changedAfterSignOff: [] });

    const signed = await runCli(cli, ['team', 'sign-off', 'C1', '2024-05-20', '--by', '孙组长'], { env });
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toMatch(new RegExp(`^Signed off 2024-05-20 of desk C1 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Asia/Shanghai\\), covering its changes up to 1/${json.deskMark.seq}\\.\\n$`));
    const again = await runCli(cli, ['team', 'sign-off', 'C1', '2024-05-20'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^hotline team sign-off: 2024-05-20 of desk C1 is already signed off by 孙组长 at \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)\n$/);
    expect((await runCli(cli, ['team', 'day', 'C1', '2024-05-20'], { env })).stdout).toMatch(
      new RegExp(`\\nSigned off by 孙组长 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, covering the desk's changes up to 1/${json.deskMark.seq}\\nDesk C1: pushed up to 1/${json.deskMark.seq}, last heard from .*, no changes waiting \\(said .*\\)\\n$`),
    );
  });

  it('says what is wrong with the arguments, and an unknown desk', async () => {
    const missing = await runCli(cli, ['team', 'day', 'C1'], { env });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('team day needs the DESK and the DATE (YYYY-MM-DD)');
    const badDate = await runCli(cli, ['team', 'sign-off', 'C1', '20.5.2024'], { env });
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toContain('"20.5.2024" is no date: type it as YYYY-MM-DD');
    expect(await runCli(cli, ['team', 'day', 'ZZ', '2024-05-20'], { env })).toMatchObject({ code: 1, stdout: '', stderr: 'hotline team day: there is no desk ZZ on this team server\n' });
  });
});
