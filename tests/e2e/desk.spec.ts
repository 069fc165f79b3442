import { expect, test } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serve, serveForSuite, tempDb, typedTime, type Served } from './serve';

test.describe('the logging desk in English', () => {
  let served: Served;
  const db = tempDb();
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });

  test('an agent logs a whole call through every button, and it is all there after a restart', async ({ page }) => {
    served = await serve(db.file, ['--lang', 'en']);
    await page.goto(served.url);
    const zone = daytimeZone();
    await setUpDesk(page, zone);

    const at = page.getByLabel('At (blank = now)');
    // One reading of the clock for every typed time: a minute turning between two of them would change a duration.
    const t0 = Date.now();
    await at.fill(typedTime(zone, 12, t0));
    await button(page, 'New call').click();
    const recordNo = page.getByTestId('record-no');
    await expect(recordNo).toHaveText(/^CS\d{11}$/);
    await expect(at).toHaveValue('');
    await expect(page.getByRole('timer')).toContainText('Waiting');

    await at.fill(typedTime(zone, 10, t0));
    await button(page, 'Answer').click();
    await expect(page.getByTestId('response-minutes')).toHaveText('2 min');
    await expect(page.getByRole('timer')).toContainText('On call');

    await page.getByLabel('Salutation').fill('Ms. Wang');
    await page.getByLabel('Salutation').press('Tab');
    const phone = page.getByLabel('Phone (last 4 digits kept)');
    await phone.fill('+86 138-0013-8000');
    await phone.press('Tab');
    await expect(phone).toHaveValue('8000');
    await page.getByLabel('Customer type').selectOption({ label: 'VIP' });
    await page.getByLabel('Request type').selectOption({ label: 'Fault report' });
    await page.getByLabel('Category').selectOption({ label: 'Product' });
    await page.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await page.getByLabel('Call reason').fill('Product will not start');
    await page.getByLabel('Call reason').press('Tab');
    await page.getByLabel('Handler').fill('Engineer Zhang');
    await page.getByLabel('Handler').press('Tab');

    await page.getByLabel('Transfer to (department or person)').fill('Technical support');
    await at.fill(typedTime(zone, 8, t0));
    await button(page, 'Transfer').click();
    await expect(page.getByTestId('transfers')).toContainText('Technical support');
    await at.fill(typedTime(zone, 3, t0));
    await button(page, 'Transfer answered').click();
    await expect(page.getByTestId('second-response')).toHaveText('second response 5 min');

    const step = page.getByLabel('Handling step');
    await step.fill('Guided the customer to check the power cable');
    await button(page, 'Add step').click();
    await expect(step).toHaveValue('');
    await step.fill('Booked an engineer visit for tomorrow 10:00');
    await button(page, 'Add step').click();
    await expect(page.getByTestId('steps').locator('li')).toHaveCount(2);

    await page.getByLabel('Result').selectOption({ label: 'In progress (follow-up)' });
    const due = `${typedTime(zone, -24 * 60).slice(0, 10)} 10:00`;
    await page.getByLabel('Follow-up due').fill(due);
    await page.getByLabel('Follow-up owner').fill('Engineer Zhang');
    await page.getByLabel('Follow-up owner').press('Tab');
    await page.getByLabel('Customer feedback').selectOption({ label: 'Basically satisfied' });
    await page.getByLabel('Response speed').selectOption('5');
    await page.getByLabel('Professionalism').selectOption('4');
    await page.getByLabel('Resolution', { exact: true }).selectOption('4');
    await expect(page.getByTestId('overall-score')).toHaveText('4.3');
    await page.getByLabel('Remarks').fill('Visit tomorrow');
    await page.getByLabel('Remarks').press('Tab');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();

    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');
    const number = (await recordNo.textContent()) ?? '';
    await page.screenshot({ path: 'test-results/screenshots/desk-en.png', fullPage: true });

    // Restart the server: a new process, a new token, the same file.
    await served.stop();
    served = await serve(db.file, ['--lang', 'en']);
    await page.goto(served.url);
    const row = page.getByRole('row', { name: new RegExp(number) });
    await expect(row).toContainText('Ms. Wang');
    await expect(row).toContainText('In progress (follow-up)');
    await row.getByRole('button', { name: number }).click();
    await expect(recordNo).toHaveText(number);
    await expect(page.getByTestId('response-minutes')).toHaveText('2 min');
    await expect(page.getByTestId('second-response')).toHaveText('second response 5 min');
    await expect(page.getByTestId('steps')).toContainText('Guided the customer to check the power cable');
    await expect(page.getByTestId('steps')).toContainText('Booked an engineer visit');
    await expect(page.getByLabel('Phone (last 4 digits kept)')).toHaveValue('8000');
    await expect(page.getByLabel('Call reason')).toHaveValue('Product will not start');
    await expect(page.getByLabel('Follow-up due')).toHaveValue(due);
    await expect(page.getByLabel('Remarks')).toHaveValue('Visit tomorrow');
    await expect(page.locator('.badge')).toContainText('Closed');
  });
});

test.describe('bad input and the keyboard', () => {
  const served = serveForSuite();

  test('errors appear next to the field, what was typed stays, and nothing saved is lost', async ({ page }) => {
    await page.goto(served.url);
    const zone = daytimeZone();
    await setUpDesk(page, zone);
    await page.keyboard.press('Alt+N');
    await expect(page.getByTestId('record-no')).toHaveText(/^CS\d{8}001$/);
    await page.getByLabel('Salutation').fill('Mr. Li');
    await page.getByLabel('Salutation').press('Tab');

    const at = page.getByLabel('At (blank = now)');
    await at.fill(typedTime(zone, 90));
    await button(page, 'Answer').click();
    await expect(page.locator('#action-at-error')).toHaveText('The answer time is before the call came in.');
    await expect(at).toHaveValue(typedTime(zone, 90));

    await at.fill('tomorrow');
    await button(page, 'Answer').click();
    await expect(page.locator('#action-at-error')).toHaveText('Type the time as HH:MM or YYYY-MM-DD HH:MM.');
    // The refusal takes the keyboard to the field at fault (the next field is typed only once it has).
    await expect(at).toBeFocused();

    const phone = page.getByLabel('Phone (last 4 digits kept)');
    await phone.fill('12');
    await phone.press('Tab');
    await expect(page.locator('#f-phone-error')).toHaveText('Type at least the last four digits.');
    await expect(phone).toHaveValue('12');
    // Says what was not saved: the phone, not the salutation saved before it.
    await expect(page.getByText('Not saved: Phone (last 4 digits kept)', { exact: true })).toBeVisible();

    await at.fill('');
    await page.keyboard.press('Alt+A');
    await expect(page.getByTestId('response-minutes')).not.toHaveText('—');
    await expect(page.locator('#action-at-error')).toHaveCount(0);

    await page.getByLabel('Result').selectOption({ label: 'In progress (follow-up)' });
    // "Required" waits until the agent has left the due field or tried to close; the header says the result is not saved yet.
    await expect(page.getByText('Not saved: Phone (last 4 digits kept), Result', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Follow-up due')).toBeVisible();
    await expect(page.locator('#f-follow-up-due-error')).toHaveCount(0);
    await page.getByLabel('Follow-up due').press('Tab');
    await expect(page.locator('#f-follow-up-due-error')).toHaveText('A call in progress needs a follow-up due time.');
    await page.keyboard.press('Alt+C');
    // The box shows a result the store refused: closing now would close with another one, so it is refused here.
    await expect(page.getByRole('alert').filter({ hasText: 'The result shown is not saved yet' })).toBeVisible();
    await expect(page.locator('#f-follow-up-due-error')).toHaveText('A call in progress needs a follow-up due time.');
    await expect(page.getByLabel('Follow-up due')).toBeFocused();

    await page.reload();
    await page.getByRole('button', { name: /CS\d+001/ }).click();
    await expect(page.getByLabel('Salutation')).toHaveValue('Mr. Li');
    await expect(page.getByLabel('Phone (last 4 digits kept)')).toHaveValue('');
    await expect(page.getByTestId('response-minutes')).not.toHaveText('—');
  });

  test('every button names its shortcut in its tooltip, a disabled one says first why', async ({ page }) => {
    await page.goto(served.url);
    // No call is open: only New call may be pressed, and the others say so.
    await expect(button(page, 'New call')).toHaveAttribute('title', 'Shortcut: Alt+N');
    await expect(button(page, 'Answer')).toBeDisabled();
    await expect(button(page, 'Answer')).toHaveAttribute('title', /^No call open\. Press New call when the phone rings\.\nShortcut: Alt\+A$/);
    for (const [name, key] of [
      ['New call', 'Alt+N'],
      ['Answer', 'Alt+A'],
      ['Transfer', 'Alt+T'],
      ['Transfer answered', 'Alt+R'],
      ['Add step', 'Alt+S'],
      ['Close call', 'Alt+C'],
    ]) {
      await expect(button(page, name!)).toHaveAttribute('title', new RegExp(`(^|\\n)Shortcut: ${key!.replace('+', '\\+')}$`));
      await expect(button(page, name!)).toHaveAttribute('aria-keyshortcuts', key!);
    }
  });
});
