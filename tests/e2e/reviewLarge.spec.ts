import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { serve, tempDb, type Served } from './serve';

/** 100,000 demo calls over 30 days: the whole range in one review list. */
const RECORDS = 100_000;
const UNTIL = '2024-06-30';

test.describe('review of 100,000 records', () => {
  test.setTimeout(120_000);
  let served: Served;
  const db = tempDb();
  test.beforeAll(async () => {
    execFileSync(process.execPath, ['bin/hotline.cjs', 'demo', '--records', String(RECORDS), '--days', '30', '--until', UNTIL, '--agents', '20', '--db', db.file], { stdio: 'ignore' });
    served = await serve(db.file, ['--lang', 'en']);
  });
  test.afterAll(async () => {
    await served.stop();
    db.remove();
  });

  test('lists them all in a virtualised list that keeps only the rows in view', async ({ page }) => {
    await page.goto(served.url);
    // The demo desk has several profiles without PINs: sign in as its admin.
    await page.getByLabel('Profile').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByLabel('From', { exact: true }).fill('2024-06-01');
    await page.getByLabel('To', { exact: true }).fill(UNTIL);
    await expect(page.getByTestId('review-count')).toHaveText('100,000 records');
    const body = page.getByTestId('review-body');
    await expect(body.getByRole('row').first()).toContainText(/CS2024063\d+/);
    expect(await body.getByRole('row').count()).toBeLessThan(120);

    // Jump to the end: the oldest call of the range is there, fetched on demand.
    await body.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(body.locator(`[aria-rowindex="${RECORDS}"]`)).toContainText(/CS20240601\d+/);
    expect(await body.getByRole('row').count()).toBeLessThan(120);
  });

  test('shows the export’s progress and cancels it without leaving a file', async ({ page }) => {
    // Followed from the page's first request: the event stream opens as soon as a profile is signed in, which in
    // this run it already is. The progress is pushed down the event stream, not polled: exportStatus is read once, as the panel starts following.
    let statusReads = 0;
    const streams: Array<{ url: string; token: string | undefined }> = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/api/exportStatus')) statusReads++;
      if (url.pathname === '/events') streams.push({ url: r.url(), token: r.headers()['x-hotline-token'] });
    });
    await page.goto(served.url);
    // Browser mode keeps one session per run: the first test already signed in.
    const review = page.getByRole('button', { name: 'Review' });
    await expect(page.getByLabel('Profile').or(review)).toBeVisible();
    if (await page.getByLabel('Profile').isVisible()) {
      await page.getByLabel('Profile').selectOption({ index: 0 });
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await review.click();
    await page.getByLabel('From', { exact: true }).fill('2024-06-01');
    await page.getByLabel('To', { exact: true }).fill(UNTIL);
    await expect(page.getByTestId('review-count')).toHaveText('100,000 records');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export what the list shows' }).click();
    const bar = page.getByRole('progressbar', { name: 'Exporting…' });
    await expect(bar).toBeVisible();
    // The bar moves before the cancel.
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    // And moves again: with polling that would take a second read of exportStatus.
    const first = Number(await bar.getAttribute('value'));
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(first);
    await page.getByRole('button', { name: 'Cancel export' }).click();
    await expect(page.getByText('Export cancelled; no file was written.')).toBeVisible();
    await expect(bar).toBeHidden();
    expect(downloads).toBe(0);
    expect(statusReads).toBeLessThanOrEqual(1);
    // The stream carries the token in its header; the token never goes into a URL.
    expect(streams.length).toBeGreaterThan(0);
    for (const stream of streams) {
      expect(stream.token).toBeTruthy();
      expect(stream.url).not.toContain('token');
    }
  });
});
