import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { button } from './pages';
import { serve, tempDb, type Served } from './serve';

/**
 * The app's face in browser mode: the tab's title names the desk and who is
 * signed in, the tab's icon is the app icon; and a desk set up by script
 * (`hotline setup`, the PIN piped in, Chinese as its language) opens to its
 * sign-in like one set up by hand, in Chinese in this English browser.
 */
test.describe('the window’s title and icon', () => {
  let served: Served;
  const db = tempDb();
  test.beforeAll(async () => {
    const setup = spawnSync(process.execPath, ['bin/hotline.cjs', 'setup', '--db', db.file, '--desk', 'A03', '--zone', 'Asia/Shanghai', '--name', '张主管', '--pin-stdin', '--lang', 'zh'], {
      input: '4821\n',
      encoding: 'utf8',
    });
    expect(setup.status, setup.stderr).toBe(0);
    served = await serve(db.file);
  });
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });

  test('a desk set up by hotline setup opens in its language, signs in with the piped PIN, and the title says desk and person', async ({ page }) => {
    await page.goto(served.url);
    await expect(page.getByText('谁在使用本坐席？')).toBeVisible();
    await expect(page).toHaveTitle('热线记录 — A03');
    await page.getByLabel('PIN').fill('4821');
    await button(page, '登录').click();
    await expect(page.getByTestId('current-user')).toHaveText('张主管');
    await expect(page).toHaveTitle('热线记录 — A03 · 张主管');

    await page.getByLabel('语言').selectOption('en');
    await expect(page).toHaveTitle('Hotline Log — A03 · 张主管');
    // Kept beside the database for the next start's dialogs; a reload keeps the switch.
    await expect.poll(() => JSON.parse(fs.readFileSync(`${db.file}.settings.json`, 'utf8')).uiLang).toBe('en');
    await page.reload();
    await expect(page.getByTestId('current-user')).toHaveText('张主管');
    await expect(page).toHaveTitle('Hotline Log — A03 · 张主管');

    await button(page, 'Switch user').click();
    await expect(page).toHaveTitle('Hotline Log — A03');
  });

  test('the tab’s icon is the app icon, served as an icon', async ({ page }) => {
    await page.goto(served.url);
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href).toBe('./favicon.ico');
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/x-icon');
    expect(Buffer.from(await icon.body()).equals(fs.readFileSync('resources/web/favicon.ico'))).toBe(true);
  });
});
