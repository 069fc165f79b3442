import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { addTeamLogin } from '../../electron/teamStore/logins';
import { callAtStage } from '../helpers/callAtStage';
import type { PgCluster } from '../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../helpers/teamServer';
import { openTestDesk } from '../helpers/tempStore';
import { button } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 14's sign-off on the screens, in Chinese at 1366×768: three desks logged
 * yesterday and joined a real PostgreSQL. The lead's board lists each desk's day:
 * E1 blocked by an open call, E2 (running, heard from, nothing waiting) signed at
 * once, E3 (never heard from since its join) signed after the lead confirms. E2
 * then pulls its sign-off and its Review shows the day locked.
 */
test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

const cli = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

test('组长在团队看板为各席位归档昨天：有未结来电的席位不可归档，可归档的席位归档后，席位同步并锁定当天', async ({ browser }) => {
  test.setTimeout(180_000);
  const dbs = { E1: tempDb(), E2: tempDb(), E3: tempDb(), L1: tempDb() };
  let cluster: PgCluster | undefined;
  const servedList: Served[] = [];
  try {
    cluster = await startTeamServer();
    const server = cluster;
    const zone = daytimeZone();
    // This time yesterday: daytime of yesterday in the desks' zone.
    const yesterdayAt = Date.now() - 24 * 3_600_000;
    const recordOf: Record<string, string> = {};
    let date = '';
    for (const [code, stage] of [['E1', 'started'], ['E2', 'closed'], ['E3', 'closed']] as const) {
      const file = dbs[code].file;
      cli(['setup', '--db', file, '--desk', code, '--name', '王芳', '--zone', zone]);
      // Yesterday's call, logged through the real dispatcher on the desk's own file.
      const desk = await openTestDesk({ file, setup: false, now: yesterdayAt });
      try {
        const call = await callAtStage(desk, stage);
        recordOf[code] = call.recordNo;
        date = call.localDate;
      } finally {
        await desk.close();
      }
      cli(['team', 'join', '--db', file], { HOTLINE_TEAM_URL: (await addTeamLogin(server.superUrl, 'desk', code)).url });
    }
    cli(['setup', '--db', dbs.L1.file, '--desk', 'L1', '--name', '赵组长', '--zone', zone]);
    cli(['team', 'join', '--db', dbs.L1.file], { HOTLINE_TEAM_URL: (await addTeamLogin(server.superUrl, 'lead', 'zhao')).url });

    // E2 runs: its sync renews its lease and says how many changes wait (none) on its beat.
    const deskServed = await serve(dbs.E2.file);
    servedList.push(deskServed);
    const reported = () => asSuperuser(server, async (c) => (await c.query("SELECT waiting FROM hotline_team.desks WHERE desk_code = 'E2'")).rows[0]?.waiting as number | null);
    await expect.poll(reported, { timeout: 30_000 }).toBe(0);
    const leadServed = await serve(dbs.L1.file);
    servedList.push(leadServed);

    const leadPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await leadPage.goto(leadServed.url);
    await button(leadPage, '团队看板').click();
    const panel = leadPage.getByTestId('team-sign-off');
    // Yesterday in the desk's zone, by default.
    await expect(panel.getByLabel('日期')).toHaveValue(date);
    const row = (code: string) => panel.getByTestId('team-sign-off-days').locator(`tr[data-desk="${code}"]`);
    await expect(row('E1')).toBeVisible();
    await expect(row('E1').locator('td[data-col="records"]')).toHaveText('1');
    await expect(row('E1').locator('td[data-col="blockers"]')).toContainText(`${recordOf.E1}: 未结束且没有跟进负责人`);
    await expect(row('E1').getByRole('button', { name: '归档', exact: true })).toBeDisabled();
    await expect(row('E1')).toContainText('请先处理这 2 项。');
    await expect(row('E2').locator('td[data-col="blockers"]')).toHaveText('无');
    await expect(row('E2').locator('td[data-col="waiting"]')).toContainText('无');
    await expect(row('E3').locator('td[data-col="waiting"]')).toContainText('未上报');
    await leadPage.screenshot({ path: test.info().outputPath('team-sign-off-zh.png'), fullPage: true });

    // E2: nothing waits and it was heard from just now: signed at once, in the lead's name.
    await row('E2').getByRole('button', { name: '归档', exact: true }).click();
    await expect(row('E2')).toHaveAttribute('data-signed', 'yes');
    await expect(row('E2').getByTestId('team-signed')).toContainText('已由 赵组长 于');
    await expect(leadPage.getByRole('dialog')).toHaveCount(0);

    // E3 never said what still waits there: the lead is asked first, and signs anyway.
    await row('E3').getByRole('button', { name: '归档', exact: true }).click();
    const dialog = leadPage.getByRole('dialog');
    await expect(dialog).toContainText(`归档席位 E3 的 ${date}？`);
    await expect(dialog).toContainText('该席位尚未上报是否仍有待上传的更改。');
    await dialog.getByRole('button', { name: '仍然归档' }).click();
    await expect(row('E3')).toHaveAttribute('data-signed', 'yes');
    await expect(row('E1')).toHaveAttribute('data-signed', 'no');

    // The desk pulls its sign-off on its beat, and its own Review shows the day locked.
    const pulled = () => {
      const sqlite = new Database(dbs.E2.file, { readonly: true, fileMustExist: true });
      try {
        return (sqlite.prepare('SELECT signed_by FROM day_signoffs WHERE local_date = ?').get(date) as { signed_by: string } | undefined)?.signed_by ?? null;
      } finally {
        sqlite.close();
      }
    };
    await expect.poll(pulled, { timeout: 30_000 }).toBe('赵组长');
    const deskPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await deskPage.goto(deskServed.url);
    await button(deskPage, '审核').click();
    await deskPage.locator('#rv-from').fill(date);
    await deskPage.locator('#rv-to').fill(date);
    await expect(deskPage.getByTestId('sign-off')).toContainText('已由 赵组长 于');
    await expect(deskPage.getByTestId('sign-off')).toContainText('此后记录只能在说明原因后修改。');
  } finally {
    for (const s of servedList) await s.stop();
    await cluster?.stop();
    for (const db of Object.values(dbs)) db.remove();
  }
});
