import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serveForSuite, typedTime } from './serve';

/**
 * 'YYYY-MM-DD HH:MM' on yesterday's date (the desk's zone has daytime now), less
 * than 24 h back so that resolving it now still meets a 24-hour resolution target.
 */
const yesterday = (zone: string, minutesBeforeNow: number) => typedTime(zone, 22 * 60 - 130 + minutesBeforeNow);

test.describe('a team lead reviews the day', () => {
  const served = serveForSuite();

  test('finds the breached calls in two clicks, reads why, signs the day off, and the charts agree with hotline stats', async ({ page }) => {
    await page.goto(served.url);
    const zone = daytimeZone();
    await setUpDesk(page, zone);
    const at = page.getByLabel('At (blank = now)');

    // Yesterday: one call answered after 70 minutes (an important call: breached), one in 2 minutes.
    await at.fill(yesterday(zone, 120));
    await button(page, 'New call').click();
    await expect(at).toHaveValue('');
    await page.getByLabel('Priority').selectOption({ label: 'Important' });
    await page.getByLabel('Salutation').fill('Mr. Zhao');
    await page.getByLabel('Salutation').press('Tab');
    await at.fill(yesterday(zone, 50));
    await button(page, 'Answer').click();
    await page.getByLabel('Result').selectOption({ label: 'Resolved' });
    await page.getByLabel('Reason for Response').selectOption({ label: 'Waiting on another department' });
    await page.getByLabel('Details for Response').fill('IT system down all morning');
    await page.getByRole('button', { name: 'Save reason' }).click();
    await expect(page.getByTestId('miss-response-0')).toContainText('reason given');
    await at.fill(yesterday(zone, 45));
    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');

    await at.fill(yesterday(zone, 40));
    await button(page, 'New call').click();
    await expect(at).toHaveValue('');
    await page.getByLabel('Salutation').fill('Ms. Qian');
    await page.getByLabel('Salutation').press('Tab');
    await at.fill(yesterday(zone, 38));
    await button(page, 'Answer').click();
    await page.getByLabel('Result').selectOption({ label: 'Resolved' });
    await page.getByLabel('Customer feedback').selectOption({ label: 'Satisfied' });
    await at.fill(yesterday(zone, 30));
    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');

    // Two clicks: Review, then Breached (after choosing the day).
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Yesterday' }).click();
    await expect(page.getByTestId('review-count')).toHaveText('2 records');
    await page.getByRole('group', { name: 'Targets' }).getByRole('button', { name: 'breached' }).click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    const row = page.getByRole('row', { name: /Mr\. Zhao/ });
    await expect(row).toContainText('breached');
    await row.getByRole('button').click();
    const panel = page.getByTestId('record-panel');
    await expect(panel.getByTestId('miss-reasons')).toContainText('Response: Waiting on another department — IT system down all morning');
    await expect(panel.getByTestId('audit')).toContainText('First answer time:');
    // The record opens in a drawer over the list; closed, the list's headers are in reach again.
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(panel).toHaveCount(0);

    // Sort by response, ascending: the 2-minute call comes first.
    await page.getByRole('group', { name: 'Targets' }).getByRole('button', { name: 'All' }).click();
    await page.getByRole('button', { name: /Response \(min\)/ }).click();
    await expect(page.getByRole('row').nth(1)).toContainText('Ms. Qian');

    const signOff = page.getByTestId('sign-off');
    await expect(signOff).toContainText('All 2 records are closed or handed over');
    await signOff.getByRole('button', { name: 'Sign off this day' }).click();
    await expect(signOff).toContainText('Signed off by Li Na');
    await page.screenshot({ path: 'test-results/screenshots/review-en.png', fullPage: true });

    // The month's charts, and the same figures from the command line.
    await page.getByRole('button', { name: 'Statistics' }).click();
    const from = typedTime(zone, 24 * 60).slice(0, 10);
    const to = typedTime(zone, 0).slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    const kpis = page.getByTestId('kpis');
    await expect(kpis.locator('[data-kpi="calls"] td').first()).toHaveText('2');
    const cli = JSON.parse(execFileSync(process.execPath, ['bin/hotline.cjs', 'stats', '--from', from, '--to', to, '--json', '--db', served.file], { encoding: 'utf8' }));
    expect(cli.kpis.calls).toBe(2);
    await expect(kpis.locator('[data-kpi="responseCompliance"] td').first()).toHaveText(`${(cli.kpis.responseCompliance * 100).toFixed(1)} %`);
    await expect(kpis.locator('[data-kpi="avgResponseMin"] td').first()).toHaveText(String(cli.kpis.avgResponseMin));
    await expect(page.getByTestId('response-figures')).toHaveText(`Median ${cli.response.medianMin} min · p90 ${cli.response.p90Min} min · max ${cli.response.maxMin} min`);
    await expect(page.getByTestId('chart-response').locator('svg').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/stats-en.png', fullPage: true });
  });
});
