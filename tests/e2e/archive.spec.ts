import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { button, ensureDesk, setUpDesk } from './pages';
import { daytimeZone, serveForSuite, typedTime } from './serve';

const FORMULA = '=HYPERLINK("http://example.com","x")';

interface Cell {
  t: string;
  v: string | number | null;
}

/** The records sheet as openpyxl (Debian's python3-openpyxl, an independent reader) sees it. */
function recordsSheet(file: string): { name: string; rows: Cell[][] } {
  const out = execFileSync('/usr/bin/python3', ['tests/electron/archive/read_xlsx.py', file, '50'], { encoding: 'utf8' });
  return (JSON.parse(out) as { sheets: Array<{ name: string; rows: Cell[][] }> }).sheets[0]!;
}

/** Clicks Export and saves what the browser downloads. */
async function exportAndSave(page: Page, dir: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export what the list shows' }).click();
  const file = path.join(dir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  return file;
}

test.describe('the archive from the Review screen', () => {
  const served = serveForSuite();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-archive-'));
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('exports today to Excel and CSV with a formula kept as text, and imports it back without duplicates', async ({ page }) => {
    await page.goto(served.url);
    const zone = daytimeZone();
    await setUpDesk(page, zone);
    const at = page.getByLabel('At (blank = now)');
    // Both times from one instant, so a minute turning over between them changes nothing.
    const t0 = Date.now();
    const callTime = typedTime(zone, 30, t0);
    await at.fill(callTime);
    await button(page, 'New call').click();
    await expect(at).toHaveValue('');
    await page.getByLabel('Salutation').fill('王女士');
    await page.getByLabel('Salutation').press('Tab');
    await page.getByLabel('Call reason').fill(FORMULA);
    await page.getByLabel('Call reason').press('Tab');
    await at.fill(typedTime(zone, 28, t0));
    await button(page, 'Answer').click();
    await page.getByLabel('Result').selectOption({ label: 'Resolved' });
    await page.getByLabel('Customer feedback').selectOption({ label: 'Satisfied' });
    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');

    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    // An export's end is pushed to the page: exportStatus is read at most once per export (as the panel starts following it), never polled.
    let statusReads = 0;
    page.on('request', (r) => void (new URL(r.url()).pathname.endsWith('/api/exportStatus') && statusReads++));

    // Excel, Chinese headers: real date-times, the verdicts, the formula as plain text.
    await page.getByLabel('Headers').selectOption('zh');
    const xlsx = await exportAndSave(page, dir);
    const today = typedTime(zone, 0).slice(0, 10);
    expect(path.basename(xlsx)).toBe(`hotline-${today}.xlsx`);
    await expect(page.getByTestId('export-done')).toContainText(`Exported 1 record (0 steps) as hotline-${today}.xlsx`);
    const sheet = recordsSheet(xlsx);
    expect(sheet.name).toBe('记录');
    const header = sheet.rows[0]!.map((c) => c.v);
    const cell = (name: string) => sheet.rows[1]![header.indexOf(name)]!;
    expect(header.slice(0, 3)).toEqual(['记录编号', '日期', '来电时间']);
    expect(cell('来电时间').t).toBe('d');
    expect(String(cell('来电时间').v)).toBe(`${callTime.replace(' ', 'T')}:00`);
    expect(cell('响应时长(分钟)')).toEqual(expect.objectContaining({ t: 'n', v: 2 }));
    expect(cell('响应时间是否达标').v).toBe('是');
    expect(cell('来电事由')).toEqual(expect.objectContaining({ t: 's', v: FORMULA }));

    // CSV: UTF-8 with a BOM, and the formula defused.
    await page.getByLabel('Format').selectOption('csv');
    const csv = await exportAndSave(page, dir);
    await expect(page.getByTestId('export-done')).toHaveText(`Exported 1 record as hotline-${today}.csv; see your downloads.`);
    const bytes = fs.readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://example.com"",""x"")"`);
    expect(statusReads).toBeLessThanOrEqual(2);
    await page.screenshot({ path: 'test-results/screenshots/archive-en.png', fullPage: true });

    // An empty list is not exported: the message says why, and the last export's note is gone.
    await page.getByRole('group', { name: 'Targets' }).getByRole('button', { name: 'breached' }).click();
    await expect(page.getByTestId('review-count')).toHaveText('0 records');
    await expect(page.getByTestId('export-done')).toBeHidden();
    await page.getByRole('button', { name: 'Export what the list shows' }).click();
    await expect(page.getByText('The list is empty: there is nothing to export.')).toBeVisible();
    await page.getByRole('group', { name: 'Targets' }).getByRole('button', { name: 'All' }).click();

    // Importing what was just exported changes nothing, and says so.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await chooser).setFiles(xlsx);
    await expect(page.getByTestId('import-summary')).toHaveText(`Nothing changed: the record of hotline-${today}.xlsx was already here.`);
    await expect(page.getByTestId('review-count')).toHaveText('1 records');

    // The same screen in Chinese.
    await page.getByLabel('Language').selectOption('zh');
    await expect(page.getByRole('button', { name: '导出列表中的记录' })).toBeVisible();
    await expect(page.getByRole('button', { name: '从 Excel 或 CSV 导入…' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/archive-zh.png', fullPage: true });
    await page.getByLabel('语言').selectOption('en');
  });

  test('imports a paper record sheet all or nothing: a bad row is named, then the fixed file goes in', async ({ page }) => {
    await page.goto(served.url);
    // Independent of the first test: a retry's new worker starts a new server on a new database.
    await ensureDesk(page, daytimeZone());
    await page.getByRole('button', { name: 'Review' }).click();
    const sheet = (time: string) =>
      `记录编号,来电时间,首次接听时间,客户称呼,联系方式,来电事由\r\nCS20240601001,2024-06-01 09:00,2024-06-01 09:02,张先生,138-0013-8000,订单物流异常\r\nCS20240601002,${time},2024-06-01 10:03,王女士,5678,退款进度查询\r\n`;
    const bad = path.join(dir, 'paper.csv');
    fs.writeFileSync(bad, sheet('昨天上午'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await chooser).setFiles(bad);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('Nothing was imported from paper.csv');
    await expect(report.getByRole('row', { name: /3.*来电时间/ })).toBeVisible();

    fs.writeFileSync(bad, sheet('2024-06-01 10:00'));
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await again).setFiles(bad);
    await expect(report).toContainText('Imported 2 records with 0 steps from paper.csv');
    await page.getByLabel('From', { exact: true }).fill('2024-06-01');
    await page.getByLabel('To', { exact: true }).fill('2024-06-01');
    await expect(page.getByTestId('review-count')).toHaveText('2 records');
    // Only the last four digits of the phone number were kept.
    await page.getByRole('row', { name: /张先生/ }).getByRole('button').click();
    await expect(page.getByTestId('record-panel')).toContainText('8000');
    await expect(page.getByTestId('record-panel')).not.toContainText('13800138000');
  });

  test('imports seed 000’s tracking sheet: the records get CS numbers and keep the sheet’s own as their source reference', async ({ page }) => {
    await page.goto(served.url);
    await ensureDesk(page, daytimeZone());
    await page.getByRole('button', { name: 'Review' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await chooser).setFiles(path.resolve('tests/fixtures/seeds/seed000-tracking.csv'));
    await expect(page.getByTestId('import-report')).toContainText('Imported 2 records with 0 steps from seed000-tracking.csv');
    await page.getByLabel('From', { exact: true }).fill('2024-05-01');
    await page.getByLabel('To', { exact: true }).fill('2024-05-02');
    await expect(page.getByTestId('review-count')).toHaveText('2 records');
    await page.getByRole('row', { name: /CS20240501001/ }).getByRole('button').click();
    await expect(page.getByTestId('source-ref')).toHaveText('Imported as TECH20240501001');
  });
});
