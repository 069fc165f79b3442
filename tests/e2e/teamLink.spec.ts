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
