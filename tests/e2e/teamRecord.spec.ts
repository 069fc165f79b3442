import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PgCluster } from '../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../helpers/teamServer';
import { addTeamLogin } from '../../electron/teamStore/logins';
import { button } from './pages';
import { daytimeZone, serve, tempDb, typedTime, type Served } from './serve';

/**
 * Issue 14, a lead in team scope: desk B's call was answered 70 minutes late and
 * its miss has no reason. The lead opens desk B's record from team Review (as the
 * real PostgreSQL holds it), is told a bad reason next to its field, sends a good
 * one, sees "pending at desk B1" while desk B is off, and "applied" once desk B
 * is back and has synced; the record then carries the lead's reason. The board
 * opens the same record; Review's export button exports team scope to an xlsx
 * that openpyxl reads back.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const cli = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

test("a lead opens desk B's record from team Review, sends a miss reason that is pending at desk B until it syncs, and exports team scope", async ({ browser }) => {
  test.setTimeout(180_000);
  const deskDb = tempDb();
  const leadDb = tempDb();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-team-record-'));
  let cluster: PgCluster | undefined;
  const running: Served[] = [];
  const stop = async (s: Served) => {
    await s.stop();
    running.splice(running.indexOf(s), 1);
  };
  try {
    cluster = await startTeamServer();
    const server = cluster;
    const zone = daytimeZone();
    cli(['setup', '--db', deskDb.file, '--desk', 'B1', '--name', '王芳', '--zone', zone]);
    cli(['team', 'join', '--db', deskDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(server.superUrl, 'desk', 'B1')).url });
    cli(['setup', '--db', leadDb.file, '--desk', 'L1', '--name', '赵组长', '--zone', zone]);
    cli(['team', 'join', '--db', leadDb.file], { HOTLINE_TEAM_URL: (await addTeamLogin(server.superUrl, 'lead', 'zhao')).url });

    // Desk B: an important call that came in 70 minutes ago, answered now: its response target is missed, without a reason.
    let desk = await serve(deskDb.file, ['--lang', 'en']);
    running.push(desk);
    const deskPage = await browser.newPage();
    await deskPage.goto(desk.url);
    await deskPage.getByLabel('At (blank = now)').fill(typedTime(zone, 70));
    await button(deskPage, 'New call').click();
    const recordNo = (await deskPage.getByTestId('record-no').textContent())!.trim();
    await deskPage.getByLabel('Priority').selectOption({ label: 'Important' });
    await deskPage.getByLabel('Priority').press('Tab');
    await button(deskPage, 'Answer').click();
    const answered = () => asSuperuser(server, async (c) => Number((await c.query("SELECT count(*) AS n FROM hotline_team.calls WHERE desk_code = 'B1' AND answered_at IS NOT NULL")).rows[0].n));
    await expect.poll(answered, { timeout: 10_000 }).toBe(1);
    // Desk B goes off: what the lead sends waits at the server.
    await deskPage.close();
    await stop(desk);

    const lead = await serve(leadDb.file, ['--lang', 'en']);
    running.push(lead);
    const page = await browser.newPage();
    await page.goto(lead.url);
    await page.getByRole('button', { name: 'Review' }).click();
    await button(page, 'The team').click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    const link = page.getByTestId('review-table').getByRole('button', { name: `B1 · ${recordNo}` });
    // The desk and the whole record number fit their cell at 1366 px, for the longest desk code (12 characters):
    // records …001 and …002 never read alike. Measured with the link's own font, beside it in the cell.
    const fits = await link.evaluate((button) => {
      const probe = button.cloneNode() as HTMLElement;
      probe.textContent = 'D0D0D0D0D0D0 · CS20261202001';
      Object.assign(probe.style, { position: 'absolute', visibility: 'hidden', whiteSpace: 'nowrap' });
      button.parentElement!.appendChild(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return { needed, cell: button.parentElement!.clientWidth };
    });
    expect(fits.needed).toBeLessThanOrEqual(fits.cell);
    await link.click();
    const panel = page.getByTestId('drawer');
    await expect(panel.getByTestId('team-record-owner')).toContainText('Desk B1’s record, as the team server holds it. Changes go through desk B1');
    await expect(panel.getByTestId('targets').locator('[data-kind="response"]')).toHaveAttribute('data-state', 'breached');

    // "Other" without a word is refused beside its field, and nothing is sent.
    const row = panel.getByTestId('team-miss-response-0');
    await row.getByLabel('Reason for Response').selectOption({ label: 'Other' });
    await row.getByRole('button', { name: 'Send the reason' }).click();
    await expect(row.getByRole('alert')).toContainText('Describe the reason when choosing "other".');
    await expect(panel.getByTestId('team-inbox')).toHaveCount(0);

    await row.getByLabel('Reason for Response').selectOption({ label: 'Too many calls at once' });
    await row.getByLabel('Details for Response').fill('Peak hour, 12 calls queued');
    await row.getByRole('button', { name: 'Send the reason' }).click();
    const entry = panel.getByTestId('team-inbox').locator('li');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Response: Too many calls at once — Peak hour, 12 calls queued, by zhao');
    await expect(entry).toContainText('pending at desk B1');
    await expect(panel.getByTestId('team-miss-response-0')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('team-record-pending-en.png') });

    // Desk B is back: its sync fetches the entry, applies it under the lead's name, pushes, reports.
    desk = await serve(deskDb.file, ['--lang', 'en']);
    running.push(desk);
    await expect(entry).toContainText('applied at desk B1', { timeout: 60_000 });
    await expect(panel.getByTestId('miss-reasons')).toContainText('Too many calls at once — Peak hour, 12 calls queued (zhao)');
    // The server's name for the lead (their login), which the app cannot forge.
    await expect(panel.getByTestId('audit')).toContainText('zhao');

    // The board opens the same record: the call is still open, so it runs there.
    await page.keyboard.press('Escape');
    await button(page, 'Team board').click();
    await page.getByTestId('board-calls').getByRole('button', { name: recordNo }).click();
    await expect(page.getByTestId('drawer').getByTestId('team-record-owner')).toContainText('Desk B1’s record');
    await page.keyboard.press('Escape');

    // Review's export button in team scope: the team's records of the period, read back by openpyxl.
    await page.getByRole('button', { name: 'Review' }).click();
    await button(page, 'The team').click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export what the list shows' }).click();
    const file = path.join(out, (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect(path.basename(file)).toMatch(/^hotline-team-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = JSON.parse(execFileSync('/usr/bin/python3', ['tests/electron/archive/read_xlsx.py', file, '10'], { encoding: 'utf8' })) as { sheets: Array<{ rows: Array<Array<{ v: unknown }>> }> };
    const records = book.sheets[0]!.rows;
    expect(records).toHaveLength(2);
    expect(records[1]!.map((c) => c.v)).toContain(recordNo);
  } finally {
    for (const s of [...running]) await s.stop();
    await cluster?.stop();
    deskDb.remove();
    leadDb.remove();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
