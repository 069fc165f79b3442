import { expect, test } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 11 §3, "A PIN cannot be guessed", in the browser against `hotline
 * serve`: five wrong PINs lock an agent's profile, the wait is said in Chinese
 * next to the PIN field (the right PIN refused too), and the admin clears the
 * lock on the Team screen, after which the right PIN signs in. The rules
 * themselves, with a test clock: tests/electron/handlers/pinLockout.test.ts.
 */
test('five wrong PINs lock a profile, the wait shows in Chinese by the PIN field, and the admin clears it on the Team screen', async ({ page }) => {
  const db = tempDb();
  let served: Served | undefined;
  try {
    served = await serve(db.file, ['--lang', 'en']);
    await page.goto(served.url);
    await setUpDesk(page, daytimeZone());

    // The admin (Li Na, no PIN) adds an agent with a PIN.
    await button(page, 'Team').click();
    await page.locator('#user-new-name').fill('Wang Fang');
    await page.locator('#user-new-pin').fill('4821');
    await button(page, 'Add profile').click();
    await expect(page.locator('#user-2-name')).toHaveValue('Wang Fang');
    await button(page, 'Switch user').click();

    await page.getByLabel('Language').selectOption('zh');
    await page.locator('#signin-user').selectOption({ label: 'Wang Fang · 客服专员' });
    const pin = page.locator('#signin-pin');
    const nextToPin = page.locator('#signin-pin-error');
    for (let i = 1; i <= 4; i++) {
      await pin.fill('1111');
      await button(page, '登录').click();
      await expect(nextToPin).toHaveText('PIN 不正确。');
    }
    await pin.fill('1111');
    await button(page, '登录').click();
    await expect(nextToPin).toHaveText('此档案 PIN 错误次数过多，请 30 秒后再试。');
    // The right PIN is refused too while the lock runs, with what is left of it.
    await pin.fill('4821');
    await button(page, '登录').click();
    await expect(nextToPin).toHaveText(/^此档案 PIN 错误次数过多，请 (30|[12]\d) 秒后再试。$/);
    await expect(page.getByTestId('current-user')).toHaveCount(0);
    // The same refusal in English when the language is switched.
    await page.getByLabel('语言').selectOption('en');
    await expect(nextToPin).toHaveText(/^Too many wrong PINs for this profile\. Try again in (30|[12]\d) seconds\.$/);
    await page.getByLabel('Language').selectOption('zh');

    // The admin signs in (no PIN) and clears the lock.
    await page.locator('#signin-user').selectOption({ label: 'Li Na · 数据管理员' });
    await button(page, '登录').click();
    await button(page, '人员').click();
    const card = page.getByTestId('lockouts-panel');
    await expect(card.getByRole('heading', { name: 'PIN 锁定' })).toBeVisible();
    const locked = card.getByTestId('lockouts-locked').locator('tbody tr');
    await expect(locked).toHaveCount(1);
    await expect(locked.first()).toContainText('Wang Fang · 客服专员');
    await expect(locked.first()).toContainText('5');
    await locked.first().getByRole('button', { name: '解除锁定' }).click();
    await expect(card.getByTestId('lockouts-none')).toHaveText('目前没有被锁定的档案。');
    const trail = card.getByTestId('lockouts-trail').locator('tbody tr');
    await expect(trail).toHaveCount(2);
    await expect(trail.nth(0)).toContainText('由 Li Na 解除锁定（连续错误 5 次）');
    await expect(trail.nth(1)).toContainText('连续输错 5 次 PIN，锁定至');

    // Cleared at once: the right PIN signs the agent in, well within the 30 s.
    await button(page, '切换人员').click();
    await page.locator('#signin-user').selectOption({ label: 'Wang Fang · 客服专员' });
    await page.locator('#signin-pin').fill('4821');
    await button(page, '登录').click();
    await expect(page.getByTestId('current-user')).toHaveText('Wang Fang');
  } finally {
    await served?.stop();
    db.remove();
  }
});
