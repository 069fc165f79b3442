import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { PgCluster } from '../helpers/pgCluster';
import { startAmiServer, TEST_SECRET, TEST_USER, type TestAmiServer } from '../helpers/amiServer';
import { startTeamServer } from '../helpers/teamServer';
import { addTeamLogin } from '../../electron/teamStore/logins';
import { button } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 15, the live queue on the team board, as a lead sees it at 1366×768 in
 * Chinese: a desk in browser mode follows queue support on the test PBX (AMI);
 * its QueueSummary reaches the team server through the desk's own sync, and the
 * lead's board shows the queue's callers waiting and longest wait, from that desk.
 */
test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

const cli = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

test('团队看板：坐席的 AMI 队列实时状态（排队人数、最长等待）出现在组长看板上，并注明来自哪个席位', async ({ browser }) => {
  test.setTimeout(180_000);
  const deskDb = tempDb();
  const leadDb = tempDb();
  let cluster: PgCluster | undefined;
  let ami: TestAmiServer | undefined;
  const servedList: Served[] = [];
  try {
    cluster = await startTeamServer();
    ami = await startAmiServer();
    ami.state.summaries = [{ Queue: 'support', LoggedIn: '3', Available: '1', Callers: '2', HoldTime: '10', TalkTime: '60', LongestHoldTime: '42' }];
    const zone = daytimeZone();
    cli(['setup', '--db', deskDb.file, '--desk', 'D1', '--name', '王芳', '--zone', zone]);
    cli(['team', 'join', '--db', deskDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'desk', 'D1')).url });
    cli(['setup', '--db', leadDb.file, '--desk', 'L1', '--name', '赵组长', '--zone', zone]);
    cli(['team', 'join', '--db', leadDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'lead', 'zhao')).url });
    // Only the desk follows the PBX.
    process.env.HOTLINE_AMI_URL = ami.url(TEST_USER, TEST_SECRET);
    process.env.HOTLINE_EXTENSION = 'PJSIP/1001';
    process.env.HOTLINE_AMI_QUEUES = 'support';
    servedList.push(await serve(deskDb.file));
    for (const name of ['HOTLINE_AMI_URL', 'HOTLINE_EXTENSION', 'HOTLINE_AMI_QUEUES']) delete process.env[name];
    const leadServed = await serve(leadDb.file);
    servedList.push(leadServed);

    const leadPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await leadPage.goto(leadServed.url);
    await button(leadPage, '团队看板').click();
    const queueRow = leadPage.getByTestId('board-queues').locator('tr[data-queue="support"]');
    await expect(queueRow).toBeVisible({ timeout: 20_000 });
    await expect(queueRow.locator('td[data-col="waiting"]')).toHaveText('2');
    await expect(queueRow.locator('td[data-col="longestWait"]')).toHaveText('0:42');
    await expect(queueRow.locator('td[data-col="available"]')).toHaveText('1');
    await expect(queueRow).toContainText('来自席位 D1');
    await expect(queueRow).not.toHaveClass(/silent/);
    await leadPage.screenshot({ path: test.info().outputPath('team-board-queues-zh.png') });
  } finally {
    for (const name of ['HOTLINE_AMI_URL', 'HOTLINE_EXTENSION', 'HOTLINE_AMI_QUEUES']) delete process.env[name];
    for (const s of servedList) await s.stop();
    await ami?.close();
    await cluster?.stop();
    deskDb.remove();
    leadDb.remove();
  }
});
