import { expect, test } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serveForSuite } from './serve';

/**
 * Issue 12, "one call, one workspace", as the trial met it: in the middle of a
 * call, with a step typed but not added, Alt+N opened a new call without a
 * word, and Alt+S added the step to the new, unanswered call. Now New call
 * asks first, the typed step stays with its own call, and the record made by
 * mistake is voided from the desk and found under Review's Voided filter.
 */
test.describe.serial('one call, one workspace', () => {
  const served = serveForSuite(['--lang', 'en']);

  test('New call while a call is open asks first; each call keeps what was typed for it; a mistaken record is voided and found under Voided', async ({ page }) => {
    await page.goto(served.url);
    await setUpDesk(page, daytimeZone());
    const recordNo = page.getByTestId('record-no');
    const step = page.getByLabel('Handling step');
    const today = page.getByRole('complementary', { name: /Today's calls/ });

    await button(page, 'New call').click();
    await expect(recordNo).toHaveText(/^CS\d{11}$/);
    const first = (await recordNo.textContent())!;
    await button(page, 'Answer').click();
    await expect(page.getByRole('timer')).toContainText('On call');
    await step.fill('Checked the order status');

    // Alt+N from inside the step box: asked first. Escape keeps the call, and the step in its box.
    await step.press('Alt+KeyN');
    const dialog = page.getByRole('dialog', { name: 'Start a new call?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`Call ${first} is still open.`);
    await expect(dialog.getByRole('button', { name: 'Start new call' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(recordNo).toHaveText(first);
    await expect(step).toHaveValue('Checked the order status');

    // Alt+N again, Enter: a new call; its step box is its own, and the first call stays open in Today's list.
    await step.press('Alt+KeyN');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(recordNo).not.toHaveText(first);
    const mistake = (await recordNo.textContent())!;
    await expect(step).toHaveValue('');
    await expect(today.getByRole('row', { name: new RegExp(first) })).toContainText('open');
    // Alt+S on the new call adds nothing: there is no step typed for it, so it only takes the keyboard to the step box.
    await page.keyboard.press('Alt+KeyS');
    await expect(step).toBeFocused();
    await expect(page.getByText('No steps yet.')).toBeVisible();

    // Back to the first call: its step is still in the box, and goes to it.
    await today.getByRole('button', { name: first }).click();
    await expect(recordNo).toHaveText(first);
    await expect(step).toHaveValue('Checked the order status');
    await button(page, 'Add step').click();
    await expect(page.getByTestId('steps')).toContainText('1.');
    await expect(page.getByTestId('steps')).toContainText('Checked the order status');
    await expect(step).toHaveValue('');

    // The mistaken record, voided from the desk: a reason is required, next to its field.
    await today.getByRole('button', { name: mistake }).click();
    await expect(recordNo).toHaveText(mistake);
    await expect(page.getByText('No steps yet.')).toBeVisible();
    await button(page, 'Void record…').click();
    await button(page, 'Void record').click();
    await expect(page.locator('#void-reason-error')).toHaveText('Say why this record is voided.');
    await page.getByLabel('Reason for voiding').fill('Pressed New call by mistake during a call');
    await button(page, 'Void record').click();
    await expect(page.getByTestId('void-mark')).toContainText('Voided by Li Na');
    await expect(page.getByTestId('void-mark')).toContainText('Pressed New call by mistake during a call');
    // Read-only from then on; only New call is left (and it asks nothing: no call is open).
    await expect(page.getByLabel('Salutation')).toBeDisabled();
    await expect(button(page, 'Answer')).toBeDisabled();
    await expect(button(page, 'Add step')).toBeDisabled();
    await expect(today.getByRole('row', { name: new RegExp(mistake) })).toContainText('Voided');

    // Review: the voided record is in no list but Voided, with its mark and its audit trail; it is not exported.
    await button(page, 'Review').click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    await expect(page.getByRole('row', { name: new RegExp(mistake) })).toHaveCount(0);
    await page.getByRole('group', { name: 'Targets' }).getByRole('button', { name: 'Voided' }).click();
    await expect(page.getByTestId('review-count')).toHaveText('1 records');
    await page.getByRole('row', { name: new RegExp(mistake) }).getByRole('button', { name: mistake }).click();
    const panel = page.getByTestId('record-panel');
    await expect(panel.getByTestId('void-mark')).toContainText('Pressed New call by mistake during a call');
    await expect(panel.getByTestId('audit')).toContainText('Reason voided');
    await expect(page.getByTestId('export-panel')).toHaveText('Voided records are not exported: a sheet lists only calls that happened.');
  });

  test('a reload (F5, the page crashing) loses nothing typed: the record on screen comes back with its unsent step and its remark not yet left', async ({ page }) => {
    await page.goto(served.url);
    await button(page, 'New call').click();
    const recordNo = page.getByTestId('record-no');
    await expect(recordNo).toHaveText(/^CS\d{11}$/);
    const open = (await recordNo.textContent())!;
    await page.getByLabel('Handling step').fill('Called the courier');
    // Typed, the field not left yet: nothing is saved of it.
    await page.getByLabel('Remarks').fill('Invoice to the company');
    await page.reload();
    await expect(recordNo).toHaveText(open);
    await expect(page.getByLabel('Handling step')).toHaveValue('Called the courier');
    await expect(page.getByLabel('Remarks')).toHaveValue('Invoice to the company');
    // Leaving the field now saves it.
    await page.getByLabel('Remarks').press('Tab');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  });

  test('in Chinese: the question, its answers and the reason required are said in the page’s language', async ({ page }) => {
    await page.goto(served.url);
    await page.getByLabel('Language').selectOption('zh');
    await button(page, '新来电').click();
    const recordNo = page.getByTestId('record-no');
    await expect(recordNo).toHaveText(/^CS\d{11}$/);
    const open = (await recordNo.textContent())!;
    await page.keyboard.press('Alt+KeyN');
    const dialog = page.getByRole('dialog', { name: '开始新的来电？' });
    await expect(dialog).toContainText(`来电 ${open} 尚未结束。`);
    await expect(dialog.getByRole('button', { name: '开始新来电' })).toBeFocused();
    // Tab to 取消 and press Enter there: that answer is the one taken.
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(recordNo).toHaveText(open);

    await button(page, '作废记录…').click();
    await button(page, '作废记录').click();
    await expect(page.locator('#void-reason-error')).toHaveText('请填写作废原因。');
    await page.getByLabel('作废原因').fill('误按新来电');
    await button(page, '作废记录').click();
    await expect(page.getByTestId('void-mark')).toContainText('已作废');
    await expect(page.getByTestId('void-mark')).toContainText('误按新来电');
  });
});
