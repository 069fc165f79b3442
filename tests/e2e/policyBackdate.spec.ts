import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureDesk } from './pages';
import { serveForSuite } from './serve';

/**
 * Issue 10, item 6, as an admin does it: history from 2026-09-30 is imported,
 * then a policy with the 2026 National Day holidays and make-up days is made
 * effective from 2026-09-01 on the Policy screen. The preview comes first; after
 * saving, the record's resolution target in Review is due on the make-up Saturday.
 */
test.describe('a back-dated policy on the Policy screen', () => {
  const served = serveForSuite();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-policy-'));
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('previews what it re-judges, saves, and Review shows the new due time', async ({ page }) => {
    await page.goto(served.url);
    await ensureDesk(page, 'Asia/Shanghai');

    // A general call at 17:00 on the last working day before the holidays, resolved late on 10-12.
    const sheet = path.join(dir, 'history.csv');
    fs.writeFileSync(
      sheet,
      '记录编号,日期,来电时间,首次接听时间,客户称呼,来电事由,处理结果,优先级,坐席代码,客服,解决时间,告知结果时间,结束时间,时区\r\n' +
        'CS20260930001,2026-09-30,2026-09-30 17:00,2026-09-30 17:05,王女士,产品无法启动,已解决,一般,A03,Li Na,2026-10-12 10:00,2026-10-12 10:00,2026-10-12 10:00,Asia/Shanghai\r\n' +
        // Resolved in time either way: its day can be signed off.
        'CS20260929001,2026-09-29,2026-09-29 10:00,2026-09-29 10:05,赵先生,退款进度查询,已解决,一般,A03,Li Na,2026-09-29 15:00,2026-09-29 15:00,2026-09-29 15:00,Asia/Shanghai\r\n',
    );
    await page.getByRole('button', { name: 'Review' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from Excel or CSV…' }).click();
    await (await chooser).setFiles(sheet);
    await expect(page.getByTestId('import-report')).toContainText('Imported 2 records');
    await page.getByLabel('From', { exact: true }).fill('2026-09-29');
    await page.getByLabel('To', { exact: true }).fill('2026-09-29');
    const signOff = page.getByTestId('sign-off');
    await signOff.getByRole('button', { name: 'Sign off this day' }).click();
    await expect(signOff).toContainText('Signed off by Li Na');
    await page.getByLabel('From', { exact: true }).fill('2026-09-30');
    await page.getByLabel('To', { exact: true }).fill('2026-09-30');
    await page.getByRole('row', { name: /王女士/ }).getByRole('button').click();
    const resolution = page.getByTestId('record-panel').getByTestId('targets').locator('[data-kind="resolution"]');
    await expect(resolution).toContainText('due 2026-10-05 17:00');

    await page.getByRole('button', { name: 'Policy' }).click();
    await page.getByLabel('Holidays (one date a line)').fill(['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`).join('\n'));
    await page.getByLabel('Make-up working days (调休)').fill('2026-09-20\n2026-10-10');
    const save = page.getByRole('button', { name: 'Save as a new version' });

    // A day that has not begun is refused next to the date field.
    await page.getByLabel('Effective from').fill('2099-01-01');
    await expect(page.getByText('That day has not begun: a version can be in force from today at the latest.')).toBeVisible();
    await expect(save).toBeDisabled();

    await page.getByLabel('Effective from').fill('2026-09-01');
    const impact = page.getByTestId('policy-impact');
    await expect(impact).toContainText('In force from 2026-09-01 00:00 on.');
    await expect(impact.getByTestId('impact-records')).toHaveText('Records re-judged by this version: 2');
    await expect(impact).toContainText('Of them with other due times: 2');
    await expect(impact.getByTestId('impact-signed-off')).toHaveText('Signed-off days whose records change (due time or verdict): 2026-09-29 (1 records)');
    await page.screenshot({ path: 'test-results/screenshots/policy-backdate-en.png', fullPage: true });
    // A signed-off day changes only with a reason, asked for next to its field.
    await save.click();
    await expect(page.getByText('Signed-off days change: say why before saving.')).toBeVisible();
    await page.getByLabel('Reason for the change').fill('National Day schedule published late');
    await save.click();
    await expect(page.getByText('Version 2 saved, in force from 2026-09-01 00:00: 2 records re-judged, 0 verdicts changed.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Timing policy (version 2)' })).toBeVisible();
    const history = page.getByTestId('policy-history');
    await expect(history.locator('li').first()).toContainText('Version 2 · saved');
    await expect(history.locator('li').first()).toContainText('In force from 2026-09-01 00:00 on. 2 records re-judged, 0 verdicts changed');
    await expect(history.locator('li').first()).toContainText('Signed-off days whose records it changed: 2026-09-29');
    await expect(history.locator('li').first()).toContainText('Reason: National Day schedule published late');
    // The defaults, followed now by version 2, read until when.
    await expect(history.locator('li').nth(1)).toContainText('In force from the start until 2026-09-01 00:00.');
    // The next save is in force from now unless a date is typed again.
    await expect(page.getByLabel('Effective from')).toHaveValue('');
    await page.getByLabel('Language').selectOption('zh');
    await expect(page.getByText('第 2 版已保存，自 2026-09-01 00:00 起生效：重新考核 2 条记录，0 条结论改变。')).toBeVisible();
    await expect(history.locator('li').first()).toContainText('自 2026-09-01 00:00 起生效。 重新考核 2 条记录，0 条结论改变');
    await expect(history.locator('li').nth(1)).toContainText('自最初起生效，至 2026-09-01 00:00 止。');
    await page.screenshot({ path: 'test-results/screenshots/policy-backdate-zh.png', fullPage: true });
    await page.getByLabel('语言').selectOption('en');

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-09-30');
    await page.getByLabel('To', { exact: true }).fill('2026-09-30');
    await page.getByRole('row', { name: /王女士/ }).getByRole('button').click();
    await expect(resolution).toContainText('due 2026-10-10 17:00');
    await expect(page.getByTestId('audit')).toContainText('Resolution due: 2026-10-05 17:00 → 2026-10-10 17:00');
    await expect(page.getByTestId('audit')).toContainText('Timing policy: version 1 → version 2 — National Day schedule published late');
    // In the reader's language: the same rows in Chinese.
    await page.getByLabel('Language').selectOption('zh');
    await expect(page.getByTestId('audit')).toContainText('解决截止时间: 2026-10-05 17:00 → 2026-10-10 17:00');
    await expect(page.getByTestId('audit')).toContainText('时效规则: 第 1 版 → 第 2 版');
    // Resolved 10-12, after the new due time too: still a miss, so no missed-target row.
    await expect(page.getByTestId('audit')).not.toContainText('未达标');

    // The signed-off 09-29, whose record got another due time, says a later policy re-judged it.
    await page.getByLabel('从', { exact: true }).fill('2026-09-29');
    await page.getByLabel('到', { exact: true }).fill('2026-09-29');
    await expect(page.getByTestId('signoff-rejudged')).toContainText('归档后重新考核：第 2 版规则（自 2026-09-01 00:00 起生效）');
    await expect(page.getByTestId('signoff-rejudged')).toContainText('改变了本日 1 条记录（截止时间或结论）。 原因：National Day schedule published late');
  });
});
