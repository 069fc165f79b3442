import { expect, test } from '@playwright/test';
import { button } from './pages';
import { daytimeZone, serve, tempDb, typedTime, type Served } from './serve';

// A Chinese-locale browser, no --lang: the desk opens in Chinese by itself.
test.use({ locale: 'zh-CN' });

test.describe('中文坐席', () => {
  let served: Served;
  const db = tempDb();
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });

  test('客服用中文界面记录一通来电，重启后记录仍在', async ({ page }) => {
    served = await serve(db.file);
    await page.goto(served.url);
    const zone = daytimeZone();
    await expect(page.getByRole('heading', { name: '设置本坐席' })).toBeVisible();
    await page.getByLabel('坐席代码').fill('B07');
    await page.getByLabel('您的姓名').fill('王芳');
    await page.getByLabel('时区').fill(zone);
    await button(page, '开始记录').click();

    const at = page.getByLabel('时间（留空＝现在）');
    // One reading of the clock for both typed times: a minute turning between them would make the 5 minutes 6.
    const t0 = Date.now();
    await at.fill(typedTime(zone, 7, t0));
    await button(page, '新来电').click();
    // The new call is open (its record number shown) before the next time is typed: what is typed belongs to the open call.
    await expect(page.getByTestId('record-no')).toBeVisible();
    await at.fill(typedTime(zone, 2, t0));
    await button(page, '接听').click();
    await expect(page.getByTestId('response-minutes')).toHaveText('5 分钟');

    await page.getByLabel('客户称呼').fill('王女士');
    await page.getByLabel('客户称呼').press('Tab');
    await page.getByLabel('联系方式（仅保留后四位）').fill('１３８００１３８０００');
    await page.getByLabel('联系方式（仅保留后四位）').press('Tab');
    await expect(page.getByLabel('联系方式（仅保留后四位）')).toHaveValue('8000');
    await page.getByLabel('问题分类').selectOption({ label: '订单类' });
    await page.getByLabel('来电事由').fill('订单物流异常');
    await page.getByLabel('来电事由').press('Tab');
    // Text past the 10,000-character limit: the reason in Chinese next to the field, the text kept.
    const tooLong = '长'.repeat(10_001);
    await page.getByLabel('备注').fill(tooLong);
    await page.getByLabel('备注').press('Tab');
    await expect(page.getByText('未被接受：过长或过大（最多 10000）')).toBeVisible();
    await expect(page.getByLabel('备注')).toHaveValue(tooLong);
    await page.getByLabel('备注').fill('');
    await page.getByLabel('备注').press('Tab');
    await expect(page.getByText('未被接受：过长或过大（最多 10000）')).toBeHidden();
    await page.getByLabel('处理步骤', { exact: true }).fill('查询订单号，显示已签收；核实客户地址');
    await button(page, '添加步骤').click();
    await page.getByLabel('处理结果').selectOption({ label: '已解决' });
    await page.getByLabel('客户反馈').selectOption({ label: '满意' });
    await button(page, '结束通话').click();
    await expect(page.locator('.badge')).toContainText('已结束');
    const number = (await page.getByTestId('record-no').textContent()) ?? '';
    expect(number).toMatch(/^CS\d{8}001$/);
    await page.screenshot({ path: 'test-results/screenshots/desk-zh.png', fullPage: true });

    await served.stop();
    served = await serve(db.file);
    await page.goto(served.url);
    const row = page.getByRole('row', { name: new RegExp(number) });
    await expect(row).toContainText('订单物流异常');
    await expect(row).toContainText('已解决');
    await row.getByRole('button', { name: number }).click();
    await expect(page.getByTestId('response-minutes')).toHaveText('5 分钟');
    await expect(page.getByTestId('steps')).toContainText('查询订单号');

    await expect(page.getByTestId('targets').locator('[data-kind="response"]')).toContainText('响应已达标');
    await page.getByRole('button', { name: '时效规则' }).click();
    await expect(page.getByRole('heading', { name: '时效规则（第 1 版）' })).toBeVisible();
    await expect(page.getByTestId('policy-preview')).toContainText('优先级一般');
    await page.screenshot({ path: 'test-results/screenshots/policy-zh.png', fullPage: true });
    await page.getByRole('button', { name: '跟进' }).click();
    await expect(page.getByRole('heading', { name: '跟进事项' })).toBeVisible();
    await page.getByRole('button', { name: '坐席' }).click();

    // Switching the language changes every label, the buttons included.
    await page.getByLabel('语言').selectOption('en');
    await expect(button(page, 'New call')).toBeVisible();
    await expect(page.getByLabel('Call reason')).toHaveValue('订单物流异常');
  });
});
