import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readTranscript, startAmiServer, type TestAmiServer } from '../helpers/amiServer';
import { button } from './pages';
import { daytimeZone, serve, tempDb, typedTime, type Served } from './serve';

/**
 * Issue 15 end to end, in Chinese, as a new user would try it: `hotline serve`
 * pointed at the test PBX (HOTLINE_AMI_URL) and an extension. The desk has an
 * earlier record from the same last four digits; a replayed queue call rings,
 * and its record opens on the desk by itself with the caller's earlier record
 * popped up as a likely match. The agent adds a step and closes it. An
 * abandoned call then shows under Missed calls with its callback target, and
 * "Mark missed calls as handled" clears it.
 */

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'ami');

test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

/** A transcript's packets with their PBX Timestamps moved so that its last event is `endAt` (a call happening now). */
function replayNow(ami: TestAmiServer, file: string, endAt = Date.now()) {
  const packets = readTranscript(path.join(FIXTURES, file)).map((p) => p.message);
  const stamps = packets.map((m) => Number(m.Timestamp)).filter((n) => Number.isFinite(n));
  const shift = stamps.length === 0 ? 0 : endAt / 1000 - Math.max(...stamps);
  for (const message of packets) {
    ami.send(message.Timestamp === undefined ? message : { ...message, Timestamp: (Number(message.Timestamp) + shift).toFixed(6) });
  }
}

test.describe('电话系统', () => {
  let served: Served | undefined;
  let ami: TestAmiServer;
  const db = tempDb();
  test.beforeAll(async () => {
    ami = await startAmiServer();
    served = await serve(db.file, ['--lang', 'zh'], { HOTLINE_AMI_URL: ami.url(), HOTLINE_EXTENSION: 'PJSIP/1001', HOTLINE_AMI_QUEUES: 'support' });
  });
  test.afterAll(async () => {
    await served?.stop();
    await ami?.close();
    db.remove();
  });

  test('来电振铃时记录自动打开并弹出来电方的以往记录；放弃的来电记为未接来电，可批量标记为已处理', async ({ page }) => {
    await page.goto(served!.url);
    const zone = daytimeZone();
    await page.getByLabel('坐席代码').fill('A03');
    await page.getByLabel('您的姓名').fill('李娜');
    await page.getByLabel('时区').fill(zone);
    await button(page, '开始记录').click();

    // An earlier call from the same number, logged by hand half an hour ago.
    const at = page.getByLabel('时间（留空＝现在）');
    await at.fill(typedTime(zone, 30));
    await button(page, '新来电').click();
    await expect(page.getByTestId('record-no')).toBeVisible();
    const earlierNo = (await page.getByTestId('record-no').textContent()) ?? '';
    await at.fill(typedTime(zone, 29));
    await button(page, '接听').click();
    await page.getByLabel('联系方式（仅保留后四位）').fill('13800138000');
    await page.getByLabel('联系方式（仅保留后四位）').press('Tab');
    await expect(page.getByLabel('联系方式（仅保留后四位）')).toHaveValue('8000');
    await page.getByLabel('问题分类').selectOption({ label: '订单类' });
    await page.getByLabel('来电事由').fill('发票抬头有误');
    await page.getByLabel('来电事由').press('Tab');
    await page.getByLabel('处理结果').selectOption({ label: '已解决' });
    await page.getByLabel('客户反馈').selectOption({ label: '满意' });
    await button(page, '结束通话').click();
    await expect(page.locator('.badge')).toContainText('已结束');

    // The desk is logged in to the PBX before the call rings.
    await expect.poll(() => ami.logins.filter((l) => l.accepted).length, { timeout: 15_000 }).toBeGreaterThan(0);
    replayNow(ami, 'asterisk20-queue-answered.ami');

    // The ringing call opened a record by itself, with the caller's earlier record as a likely match.
    const history = page.getByTestId('caller-history');
    await expect(history).toBeVisible();
    await expect(history).toContainText('可能是同一来电方（号码后四位相同 ··8000）');
    await expect(history).toContainText('仅按号码后四位匹配');
    await expect(page.getByText('此来电由电话系统自动打开。')).toBeVisible();
    const phoneNo = (await page.getByTestId('record-no').textContent()) ?? '';
    expect(phoneNo).not.toBe(earlierNo);
    await expect(page.getByLabel('联系方式（仅保留后四位）')).toHaveValue('8000');
    // The earlier record opens in its panel beside the call.
    await history.getByRole('button', { name: `打开 ${earlierNo}` }).click();
    const drawer = page.getByTestId('drawer');
    await expect(drawer).toContainText('发票抬头有误');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // The agent works the call as usual: a step, the result, closed.
    await page.getByLabel('问题分类').selectOption({ label: '订单类' });
    await page.getByLabel('来电事由').fill('再次询问发票');
    await page.getByLabel('来电事由').press('Tab');
    await page.getByLabel('处理步骤', { exact: true }).fill('重新开具发票并邮寄');
    await button(page, '添加步骤').click();
    await page.getByLabel('处理结果').selectOption({ label: '已解决' });
    await page.getByLabel('客户反馈').selectOption({ label: '满意' });
    await button(page, '结束通话').click();
    await expect(page.locator('.badge')).toContainText('已结束');

    // A caller abandons the watched queue: a missed call with its callback target; the unwatched queue's caller is not this desk's.
    replayNow(ami, 'asterisk18-queue-abandon.ami');
    const missed = page.getByTestId('desk-missed');
    await expect(missed).toBeVisible();
    const row = missed.locator('tr.missed');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('··1234');
    await expect(row).toContainText('support');
    await expect(row).toContainText('回拨截止');
    await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'running');
    await expect(missed).not.toContainText('2222');
    await page.screenshot({ path: 'test-results/screenshots/telephony-zh.png' });

    // Follow-ups lists its callback among the open work.
    await page.getByRole('button', { name: '跟进', exact: true }).click();
    await expect(page.getByTestId('follow-ups-missed')).toContainText('··1234');
    await page.getByRole('button', { name: '坐席', exact: true }).click();

    // Bulk: select all, mark handled; the list is cleared.
    await missed.getByLabel('全选').check();
    await button(page, '标记未接来电为已处理（1）').click();
    await expect(page.getByTestId('desk-missed')).toBeHidden();

    // Review: the period's missed call, called back, by whom and how.
    await page.getByRole('button', { name: '审核', exact: true }).click();
    const review = page.getByTestId('review-missed');
    await expect(review).toContainText('··1234');
    await expect(review).toContainText('李娜，手动标记');
    // The phone's record: its audit trail names the phone system as the source of its moments, in Chinese.
    await page.getByTestId('review-body').getByRole('button', { name: phoneNo }).click();
    const audit = page.getByTestId('drawer').getByTestId('audit');
    await expect(audit.locator('li[data-field="answeredAt"]')).toContainText('电话系统（Asterisk）');
    await page.keyboard.press('Escape');

    // The admin's Telephony card: the environment's values read-only, the AMI URL never shown, the live status.
    await page.getByRole('button', { name: '人员', exact: true }).click();
    const card = page.locator('section.telephony');
    await expect(card.getByTestId('telephony-status')).toContainText('AMI：已连接');
    await expect(card).toContainText('由环境变量设置（HOTLINE_AMI_URL）');
    await expect(card.getByLabel(/AMI 地址/)).toBeDisabled();
    await expect(card.getByLabel(/AMI 地址/)).toHaveValue('');
    await expect(card.getByLabel('分机')).toHaveValue('PJSIP/1001');
    expect(await card.textContent()).not.toContain('n0t-in-any-log');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/telephony-card-zh.png' });
  });
});
