import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serveForSuite } from './serve';

/**
 * Browser mode with the bulk worker (issue 11 part 1): an export of tens of
 * thousands of records runs in the worker while the agent goes on clicking,
 * and a click that meets a database held by other work is saved, once the
 * work lets go, at the instant it was clicked.
 */

/** The page's own call to the API (with this run's key), for what the test starts besides the agent's clicks. */
async function apiCall<T>(page: Page, method: string, request: object): Promise<T> {
  return page.evaluate(
    async ([m, body]) => {
      const response = await fetch(`api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline-token': localStorage.getItem('hotline.token') ?? '' }, body: JSON.stringify(body) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(result.error?.message);
      return result.value;
    },
    [method, request] as const,
  ) as Promise<T>;
}

const stepsOf = (file: string, text: string): number[] => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT at FROM steps WHERE text = ?').pluck().all(text) as number[];
  } finally {
    db.close();
  }
};

test.describe('clicks while bulk work runs', () => {
  const served = serveForSuite();

  test('the agent logs a call and its steps while an export runs in the worker', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(served.url);
    await setUpDesk(page, daytimeZone());
    // A month of a busy hotline behind the desk's own records.
    execFileSync(process.execPath, ['bin/hotline.cjs', 'demo', '--records', '40000', '--days', '30', '--append', '--seed', 'e2e', '--db', served.file], { stdio: 'ignore' });
    const days = new BetterSqlite3(served.file, { readonly: true });
    const { from, to } = days.prepare('SELECT min(local_date) AS "from", max(local_date) AS "to" FROM calls').get() as { from: string; to: string };
    days.close();
    const job = await apiCall<{ job: string; state: string }>(page, 'startExport', { from, to, format: 'xlsx' });
    expect(job.state).toBe('running');

    await button(page, 'New call').click();
    await expect(page.getByTestId('record-no')).toBeVisible();
    for (const text of ['Checked the order', 'Called the courier', 'Told the customer']) {
      await page.getByLabel('Handling step').fill(text);
      await button(page, 'Add step').click();
      await expect(page.getByTestId('steps')).toContainText(text);
    }
    // All three were saved with the export under way (not asserted to be still running here: on a fast
    // machine it may finish first; tests/electron/worker holds the overlap itself).
    await expect.poll(async () => (await apiCall<{ state: string; rows: number }>(page, 'exportStatus', { job: job.job })).state, { timeout: 90_000 }).toBe('done');
    expect((await apiCall<{ rows: number }>(page, 'exportStatus', { job: job.job })).rows).toBeGreaterThanOrEqual(40_000);
  });

  test('a step clicked while another program holds the database is saved at the click, not when the lock went', async ({ page }) => {
    await page.goto(served.url);
    await button(page, 'New call').click();
    await expect(page.getByTestId('steps').or(page.getByText('No steps yet'))).toBeVisible();
    const other = new BetterSqlite3(served.file);
    other.exec('BEGIN IMMEDIATE');
    const pressed = Date.now();
    await page.getByLabel('Handling step').fill('Rang back while locked');
    await button(page, 'Add step').click();
    const clicked = Date.now();
    // Held for two seconds: the page is answered "busy" meanwhile and keeps trying.
    await page.waitForTimeout(2000);
    expect(stepsOf(served.file, 'Rang back while locked')).toEqual([]);
    other.exec('ROLLBACK');
    const released = Date.now();
    other.close();
    await expect(page.getByTestId('steps')).toContainText('Rang back while locked');
    const [at] = stepsOf(served.file, 'Rang back while locked');
    expect(at).toBeGreaterThanOrEqual(pressed);
    expect(at).toBeLessThanOrEqual(clicked);
    expect(released - at!).toBeGreaterThanOrEqual(2000);
  });

  test('the Import card shows the rows read while the worker reads a large file, and Cancel imports nothing', async ({ page }) => {
    test.setTimeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-import-'));
    const file = path.join(dir, 'month.csv');
    const days = new BetterSqlite3(served.file, { readonly: true });
    // The desk's own month, exported by the CLI: read as a new file would be (that nothing is written is held by tests/electron/worker).
    const { from, to } = days.prepare('SELECT min(local_date) AS "from", max(local_date) AS "to" FROM calls').get() as { from: string; to: string };
    days.close();
    execFileSync(process.execPath, ['bin/hotline.cjs', 'export', '--from', from, '--to', to, '--out', file, '--db', served.file], { stdio: 'ignore' });
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Review' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await chooser).setFiles(file);
    await expect(page.getByTestId('import-progress')).toContainText('rows read', { timeout: 30_000 });
    await button(page, 'Cancel').click();
    // Cancel works while rows are read; a machine that finishes reading first imports instead, and the
    // desk's own month changes nothing. Either way nothing is half-imported.
    await expect(page.getByText('Cancelled: nothing was imported.').or(page.getByText(/Nothing changed/))).toBeVisible();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
