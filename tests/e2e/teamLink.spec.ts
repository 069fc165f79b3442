import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import type { PgCluster } from '../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../helpers/teamServer';
import { addTeamLogin } from '../../electron/teamStore/logins';
import { button } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 14, tried as an agent would at 1366×768 in Chinese: a desk joined to
 * the team (`hotline team join`), opened in browser mode. The header says the
 * desk is up to date; a call logged shows on the real PostgreSQL within 2 s;
 * with PostgreSQL killed the desk keeps logging and the header says since when
 * the server is unreachable; once it is back, everything arrives.
 */
test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

const cli = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

test('坐席已加入团队服务器：来电 2 秒内到达服务器；服务器停机时照常记录并提示，恢复后全部补传', async ({ page }) => {
  test.setTimeout(180_000);
  const db = tempDb();
  let cluster: PgCluster | undefined;
  let served: Served | undefined;
  try {
    cluster = await startTeamServer();
    const server = cluster;
    cli(['setup', '--db', db.file, '--desk', 'E1', '--name', '王芳', '--zone', daytimeZone()]);
    const { url } = await addTeamLogin(server.superUrl, 'desk', 'E1');
    cli(['team', 'join', '--db', db.file], { HOTLINE_TEAM_URL: url });
    const onServer = () => asSuperuser(server, async (c) => Number((await c.query("SELECT count(*) AS n FROM hotline_team.calls WHERE desk_code = 'E1'")).rows[0].n));

    served = await serve(db.file);
    await page.goto(served.url);
    const status = page.getByTestId('team-status');
    await expect(status).toHaveText('团队服务器：已同步');

    await button(page, '新来电').click();
    await expect(page.getByTestId('record-no')).toBeVisible();
    const clicked = Date.now();
    await expect.poll(onServer, { timeout: 2_000, intervals: [100] }).toBe(1);
    test.info().annotations.push({ type: 'sync lag', description: `${Date.now() - clicked} ms from the click to the server` });
    await button(page, '接听').click();
    // The answer reaches the server too (the header may still show the state from before the click).
    const answered = () => asSuperuser(server, async (c) => Number((await c.query("SELECT count(*) AS n FROM hotline_team.calls WHERE desk_code = 'E1' AND answered_at IS NOT NULL")).rows[0].n));
    await expect.poll(answered, { timeout: 2_000, intervals: [100] }).toBe(1);
    await expect(status).toHaveText('团队服务器：已同步');

    await server.kill();
    const first = await page.getByTestId('record-no').textContent();
    // The first call is still open: New call asks first, and Enter confirms.
    await button(page, '新来电').click();
    await expect(page.getByRole('dialog')).toContainText('开始新的来电？');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('record-no')).not.toHaveText(first ?? '');
    await expect(status).toContainText('无法连接服务器', { timeout: 45_000 });
    await expect(status).toContainText('1 条更改待上传');
    await page.screenshot({ path: test.info().outputPath('team-unreachable-zh.png') });

    await server.start();
    await expect(status).toHaveText('团队服务器：已同步', { timeout: 60_000 });
    expect(await onServer()).toBe(2);
  } finally {
    await served?.stop();
    await cluster?.stop();
    db.remove();
  }
});

test("组长在统计页切换到全团队：两张席位的来电合计，可按席位筛选；与 hotline stats --team 一致", async ({ page }) => {
  test.setTimeout(180_000);
  const dbs = [tempDb(), tempDb(), tempDb()];
  let cluster: PgCluster | undefined;
  let served: Served | undefined;
  try {
    cluster = await startTeamServer();
    const zone = daytimeZone();
    for (const [i, [code, records]] of ([['T1', 30], ['T2', 40]] as const).entries()) {
      cli(['setup', '--db', dbs[i]!.file, '--desk', code, '--name', '王芳', '--zone', zone]);
      cli(['demo', '--db', dbs[i]!.file, '--records', String(records), '--days', '2', '--seed', code]);
      cli(['team', 'join', '--db', dbs[i]!.file], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'desk', code)).url });
    }
    const leadDb = dbs[2]!.file;
    cli(['setup', '--db', leadDb, '--desk', 'L1', '--name', '赵组长', '--zone', zone]);
    const joined = cli(['team', 'join', '--db', leadDb], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'lead', 'zhao')).url });
    expect(joined).toContain('team scope');
    const range = ['--from', '2020-01-01', '--to', '2030-12-31', '--json'];
    const teamJson = JSON.parse(cli(['stats', '--db', leadDb, '--team', ...range])) as { kpis: { calls: number } };
    const own = [0, 1].map((i) => (JSON.parse(cli(['stats', '--db', dbs[i]!.file, ...range])) as { kpis: { calls: number } }).kpis.calls);
    expect(own).toEqual([30, 40]);
    expect(teamJson.kpis.calls).toBe(70);

    served = await serve(leadDb);
    await page.goto(served.url);
    await button(page, '统计').click();
    await button(page, '近 30 天').click();
    const calls = page.getByTestId('kpis').locator('tr[data-kpi="calls"] td').first();
    await expect(calls).toHaveText('0');
    await button(page, '全团队').click();
    await expect(calls).toHaveText('70');
    await page.getByLabel('席位', { exact: true }).selectOption('T2');
    await expect(calls).toHaveText('40');
    await page.screenshot({ path: test.info().outputPath('team-stats-zh.png') });
    await button(page, '本席位').click();
    await expect(calls).toHaveText('0');

    // Review in team scope: every desk's records, read-only, each with its desk; a desk filter gives one desk's.
    await button(page, '审核').click();
    await page.locator('#rv-from').fill('2020-01-01');
    const count = page.getByTestId('review-count');
    await expect(count).toHaveText('0 条记录');
    await button(page, '全团队').click();
    await expect(count).toHaveText('70 条记录');
    await expect(page.getByTestId('review-table').getByText(/^T[12] · CS\d{11}$/).first()).toBeVisible();
    await expect(page.getByText('全团队记录，只读')).toBeVisible();
    await page.getByLabel('席位', { exact: true }).selectOption('T1');
    await expect(count).toHaveText('30 条记录');
  } finally {
    await served?.stop();
    await cluster?.stop();
    for (const db of dbs) db.remove();
  }
});

test('团队看板：任一席位点击新来电，组长看板 2 秒内出现该来电及其倒计时（LISTEN/NOTIFY 推送，非轮询）', async ({ browser }) => {
  test.setTimeout(180_000);
  const deskDb = tempDb();
  const leadDb = tempDb();
  let cluster: PgCluster | undefined;
  const servedList: Served[] = [];
  try {
    cluster = await startTeamServer();
    const zone = daytimeZone();
    cli(['setup', '--db', deskDb.file, '--desk', 'D1', '--name', '王芳', '--zone', zone]);
    cli(['team', 'join', '--db', deskDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'desk', 'D1')).url });
    cli(['setup', '--db', leadDb.file, '--desk', 'L1', '--name', '赵组长', '--zone', zone]);
    cli(['team', 'join', '--db', leadDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(cluster.superUrl, 'lead', 'zhao')).url });
    const [deskServed, leadServed] = [await serve(deskDb.file), await serve(leadDb.file)];
    servedList.push(deskServed, leadServed);

    const leadPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await leadPage.goto(leadServed.url);
    await button(leadPage, '团队看板').click();
    const deskRow = leadPage.getByTestId('board-desks').locator('tr[data-desk="D1"]');
    await expect(deskRow).toBeVisible();
    await expect(deskRow.locator('td[data-col="running"]')).toHaveText('0');

    const deskPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await deskPage.goto(deskServed.url);
    await button(deskPage, '新来电').click();
    const recordNo = (await deskPage.getByTestId('record-no').textContent())!.trim();
    const clicked = Date.now();
    const row = leadPage.getByTestId('board-calls').locator(`tr[data-record="${recordNo}"]`);
    await expect(row).toBeVisible({ timeout: 2_000 });
    test.info().annotations.push({ type: 'board lag', description: `${Date.now() - clicked} ms from the click to the lead's board` });
    await expect(row).toHaveAttribute('data-state', /running|near/);
    await expect(row.locator('td[data-col="due"]')).toContainText('剩余');
    await expect(deskRow.locator('td[data-col="running"]')).toHaveText('1');
    await expect(deskRow.locator('td[data-col="today"]')).toHaveText('1');
    await leadPage.screenshot({ path: test.info().outputPath('team-board-zh.png') });
    // The team-wide follow-ups list: a call still being taken is owed no follow-up yet.
    await leadPage.getByLabel('只看全团队待跟进').check();
    await expect(row).toBeHidden();
    await expect(leadPage.getByText('全团队当前没有待跟进的来电。')).toBeVisible();
  } finally {
    for (const s of servedList) await s.stop();
    await cluster?.stop();
    deskDb.remove();
    leadDb.remove();
  }
});
