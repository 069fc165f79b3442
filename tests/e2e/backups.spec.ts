import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { button, setUpDesk } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 6: "Backups … into a folder the admin can choose." In the browser
 * against `hotline serve` on a temp database: the admin (the desk's first
 * profile) opens Team → Backups, types another folder and saves; a backup is
 * listed at once and is a real file in that folder. A relative path is refused
 * next to the field and the text stays. The handlers' own cases are
 * tests/electron/handlers/backups.test.ts.
 */

// `hotline serve` inherits this process's environment; a folder fixed there could not be chosen.
delete process.env.HOTLINE_BACKUP_DIR;

test('the admin chooses the backup folder: a backup is there at once; a relative path is refused next to the field', async ({ page }) => {
  const db = tempDb();
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-chosen-'));
  const chosen = path.join(elsewhere, 'desk A03', 'backups');
  const beside = path.join(path.dirname(db.file), 'backups');
  let served: Served | undefined;
  try {
    served = await serve(db.file, ['--lang', 'en']);
    await page.goto(served.url);
    await setUpDesk(page, daytimeZone());
    await button(page, 'Team').click();

    const card = page.getByTestId('backups-panel');
    await expect(card.getByRole('heading', { name: 'Backups', exact: true })).toBeVisible();
    await expect(card.getByTestId('backup-dir')).toHaveText(beside);
    await expect(card).toContainText('the default: "backups" beside the database');

    const field = card.getByLabel('Another folder (full path)');
    await field.fill(chosen);
    await card.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(card.getByTestId('backup-dir')).toHaveText(chosen);
    await expect(card).toContainText('chosen here');
    const rows = card.getByTestId('backup-list').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('MiB');
    const name = (await rows.first().locator('code').textContent()) ?? '';
    expect(name).toMatch(/^hotline-\d{4}-\d{2}-\d{2}T[\d-]+Z\.db$/);
    // On disk: a real SQLite file in the folder typed, and the choice kept beside the database for the
    // next start, with the page's language (the start-up dialogs speak it).
    const file = path.join(chosen, name);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await expect(card.getByTestId('backup-last')).toContainText(`written to ${file}`);
    expect(JSON.parse(fs.readFileSync(`${db.file}.settings.json`, 'utf8'))).toEqual({ uiLang: 'en', backupDir: chosen });
    // The start-up backup in the old folder is still there.
    expect(fs.readdirSync(beside).filter((n) => n.endsWith('.db'))).toHaveLength(1);
    await expect(field).toHaveValue('');

    // A relative path: the reason next to the field, the text kept, the folder unchanged.
    await field.fill('backups/elsewhere');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    const error = card.locator('#backup-dir-error');
    await expect(error).toContainText('This folder cannot hold the backups: that is not a full path.');
    await expect(field).toHaveValue('backups/elsewhere');
    await expect(card.getByTestId('backup-dir')).toHaveText(chosen);
    expect(fs.existsSync(path.resolve('backups/elsewhere'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(`${db.file}.settings.json`, 'utf8'))).toEqual({ uiLang: 'en', backupDir: chosen });
  } finally {
    await served?.stop();
    db.remove();
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});
