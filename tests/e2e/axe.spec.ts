import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { latinWords } from './latin';
import { button } from './pages';
import { serve, tempDb, type Served } from './serve';

/**
 * Issue 12: every screen, in the Chinese UI at 1366×768, read by axe (no serious or critical
 * violation) and by the Latin check (no Latin-script word but the allowed tokens). A demo desk
 * gives each screen something to show: records, follow-ups, statistics, a report, profiles.
 */
const UNTIL = '2024-06-30';
const cli = (args: string[]) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8' });

/** The violations a person with a screen reader or the keyboard would hit: serious and critical ones. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Desk codes, and words of the demo's own records (call reasons such as "App 无法登录"): data, not the UI's words. */
const ALLOWED = ['A01', 'A02', 'A03', 'A04', 'DEMO', 'B07', 'App'];

async function checkScreen(page: Page, screen: string): Promise<void> {
  expect.soft(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
  expect.soft(await latinWords(page, ALLOWED), `Latin-script words on ${screen}`).toEqual([]);
}

test.describe('每个页面：无障碍与中文', () => {
  test.setTimeout(120_000);
  let served: Served;
  let context: BrowserContext;
  let page: Page;
  const db = tempDb();
  test.beforeAll(async ({ browser }) => {
    cli(['demo', '--records', '300', '--days', '20', '--until', UNTIL, '--agents', '4', '--db', db.file]);
    served = await serve(db.file, ['--lang', 'zh']);
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
    await served.stop();
    db.remove();
  });

  // One walk through the screens, each checked on its own (soft): one screen's finding does not hide the next's.
  test('登录、坐席、跟进、审核、统计、时效规则、人员、期间报告', async () => {
    await test.step('登录', async () => {
      await page.goto(served.url);
      await expect(button(page, '登录')).toBeVisible();
      await checkScreen(page, 'sign-in');
      // The demo's admin: the policy and the profiles are theirs.
      const admin = await page.locator('#signin-user option', { hasText: '管理员 ·' }).getAttribute('value');
      await page.getByLabel('人员').selectOption(admin!);
      await button(page, '登录').click();
      await expect(page.getByTestId('current-user')).toBeVisible();
    });

    await test.step('坐席与今日来电（一通打开的来电）', async () => {
      await button(page, '新来电').click();
      await button(page, '接听').click();
      await expect(page.getByTestId('response-minutes')).not.toHaveText('—');
      await page.getByLabel('处理结果').selectOption({ label: '处理中（需跟进）' });
      await page.getByLabel('跟进截止时间').press('Tab');
      await expect(page.locator('#f-follow-up-due-error')).toBeVisible();
      await page.keyboard.press('Alt+S');
      await expect(page.getByLabel('处理步骤', { exact: true })).toBeFocused();
      await page.keyboard.type('查询订单号，显示已签收');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('steps').locator('li')).toHaveCount(1);
      await checkScreen(page, 'desk');
    });

    const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
    for (const [tab, screen] of [
      ['跟进', 'follow-ups'],
      ['审核', 'review'],
      ['统计', 'statistics'],
      ['时效规则', 'policy'],
      ['人员', 'team'],
    ] as const) {
      await test.step(tab, async () => {
        await nav(tab).click();
        await expect(nav(tab)).toHaveAttribute('aria-current', 'page');
        // What the screen loads (lists, charts) shows before it is read; some screens poll, so no network idle.
        await expect(page.getByText('加载中…')).toHaveCount(0);
        await page.waitForTimeout(800);
        await checkScreen(page, screen);
        if (screen === 'review') {
          // Today's call opened in the panel: its fields, steps and audit trail.
          await page.getByRole('button', { name: /^CS\d+$/ }).first().click();
          await expect(page.getByTestId('record-panel')).toBeVisible();
          await checkScreen(page, 'review, a record open');
        }
      });
    }

    await test.step('期间报告', async () => {
      await nav('统计').click();
      await page.evaluate(() => {
        window.print = () => undefined;
      });
      await button(page, '打印报告').click();
      await expect(page.getByTestId('report')).toBeVisible();
      await checkScreen(page, 'report');
    });
  });
});
