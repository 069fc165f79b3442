import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { button } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 15, what a new user's trial found: the open record follows the phone
 * system's events as they come, without a reload. `hotline serve` with the CTI
 * endpoint on (HOTLINE_CTI=on) and `hotline cti`, as a softphone hook runs it,
 * in Chinese at 1366×768: an answer updates the record's header, the caller's
 * hang-up shows on the record with the timer in wrap-up, a call the caller
 * gave up on closes its voided record with a notice where it was (Today's list
 * shows it voided, the missed call shows under it), and a record with unsaved
 * typing stays open with its void mark in Chinese.
 */

test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

const run = promisify(execFile);

test.describe('电话系统事件即时更新坐席屏幕', () => {
  let served: Served | undefined;
  const db = tempDb();
  /** One `hotline cti` push, as a softphone's hook runs it on this desk's computer. */
  const cti = (...args: string[]) => run(process.execPath, ['bin/hotline.cjs', 'cti', ...args, '--db', db.file]);
  test.beforeAll(async () => {
    served = await serve(db.file, ['--lang', 'zh'], { HOTLINE_CTI: 'on' });
  });
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });

  async function setUp(page: Page) {
    await page.goto(served!.url);
    await page.getByLabel('坐席代码').fill('A03');
    await page.getByLabel('您的姓名').fill('李娜');
    await page.getByLabel('时区').fill(daytimeZone());
    await button(page, '开始记录').click();
    await expect(button(page, '新来电')).toBeVisible();
  }

  test('接听、挂断与未接听的来电即时显示在打开的记录上，无需刷新', async ({ page }) => {
    await setUp(page);
    const header = page.locator('.call-summary');
    const today = page.locator('.today');

    // A call rings: its record opens by itself, waiting.
    await cti('newCall', '--call-id', 'c-1', '--from', '13800138000', '--user', '李娜');
    await expect(page.getByText('此来电由电话系统自动打开。')).toBeVisible();
    const firstNo = (await page.getByTestId('record-no').textContent()) ?? '';
    await expect(page.getByRole('timer')).toContainText('等待中');
    await expect(page.getByTestId('answer-time')).toHaveText('—');

    // The softphone answers: the header says so at once.
    await cti('answer', '--call-id', 'c-1', '--answering-number', '1001');
    await expect(page.getByRole('timer')).toContainText('通话中');
    await expect(page.getByTestId('answer-time')).toHaveText(/^\d\d:\d\d$/);
    await expect(page.getByTestId('response-minutes')).not.toHaveText('—');

    // The caller hangs up: the record shows the phone's hang-up and the timer runs on as wrap-up; the record stays open to be finished.
    await cti('hangup', '--call-id', 'c-1', '--cause', 'normalClearing');
    await expect(page.getByTestId('phone-ended')).toHaveText(/^通话已结束 \d\d:\d\d（电话系统） · 通话 \d+ 秒$/);
    await expect(page.getByRole('timer')).toContainText('整理');
    await expect(page.getByTestId('record-no')).toHaveText(firstNo);
    await expect(page.getByLabel('来电事由')).toBeEnabled();
    await page.screenshot({ path: 'test-results/screenshots/phone-events-hangup-zh.png' });

    // A second call rings and the caller gives up before anyone answers: the record the phone voided leaves the workspace, with a notice where it was.
    await cti('newCall', '--call-id', 'c-2', '--from', '13900001234', '--user', '李娜');
    await expect(page.getByTestId('record-no')).not.toHaveText(firstNo);
    const secondNo = (await page.getByTestId('record-no').textContent()) ?? '';
    await cti('hangup', '--call-id', 'c-2', '--cause', 'cancel');
    const notice = page.getByTestId('phone-closed');
    await expect(notice).toContainText(secondNo);
    await expect(notice).toContainText(/未接听：已记为未接来电 MC\d{11}/);
    await expect(page.getByTestId('record-no')).toBeHidden();
    await expect(page.getByRole('timer')).toBeHidden();
    // Today's list has both records, the second one voided; the missed call waits for its callback below it.
    await expect(today.locator('tr', { hasText: firstNo })).toBeVisible();
    await expect(today.locator('tr', { hasText: secondNo })).toContainText('已作废');
    await expect(page.getByTestId('desk-missed')).toContainText('··1234');
    await expect(page.getByTestId('desk-missed').getByRole('button', { name: /^标记已回拨：MC/ })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/phone-events-missed-zh.png' });
    // A reload keeps the desk as it is: the voided record does not come back.
    await page.reload();
    await expect(page.getByTestId('phone-closed')).toBeHidden();
    await expect(page.getByTestId('record-no')).toBeHidden();

    // A third call: the agent starts typing the reason, and the caller gives up before it is saved. The record stays, voided, with what was typed.
    await cti('newCall', '--call-id', 'c-3', '--from', '13700005678', '--user', '李娜');
    await expect(page.getByText('此来电由电话系统自动打开。')).toBeVisible();
    await page.getByLabel('来电事由').fill('咨询退款进度');
    await cti('hangup', '--call-id', 'c-3', '--cause', 'cancel');
    const mark = page.getByTestId('void-mark');
    await expect(mark).toContainText('电话系统（CTI）');
    await expect(mark).toContainText(/未接听：已记为未接来电 MC\d{11}/);
    await expect(mark).not.toContainText('phone:cti');
    await expect(mark).not.toContainText('not answered');
    await expect(page.getByText('您输入时电话系统作废了此记录')).toBeVisible();
    await expect(page.getByLabel('来电事由')).toHaveValue('咨询退款进度');
    await expect(header.locator('.badge')).toHaveText('已作废');
    await expect(page.getByRole('timer')).toBeHidden();
    await page.screenshot({ path: 'test-results/screenshots/phone-events-kept-zh.png' });

    // Review's missed calls: the row's action is not the filter's label, and an empty filter says what it filtered.
    await page.getByRole('button', { name: '审核', exact: true }).click();
    const review = page.locator('section.review-missed');
    await expect(review.getByTestId('review-missed').locator('tr.missed')).toHaveCount(2);
    await expect(review.getByRole('button', { name: '已回拨', exact: true })).toHaveCount(1);
    await review.getByRole('button', { name: '已回拨', exact: true }).click();
    await expect(review).toContainText('此期间没有已回拨的未接来电。');

    // The voided record's audit trail says the phone's reason in Chinese too, not as the trail stores it.
    await page.getByRole('group', { name: '时效' }).getByRole('button', { name: '已作废' }).click();
    await page.getByRole('row', { name: new RegExp(secondNo) }).getByRole('button', { name: secondNo }).click();
    const audit = page.getByTestId('record-panel').getByTestId('audit');
    await expect(audit).toContainText(/未接听：已记为未接来电 MC\d{11}/);
    await expect(audit).toContainText('电话系统（CTI）');
    await expect(audit).not.toContainText('not answered');
  });
});
