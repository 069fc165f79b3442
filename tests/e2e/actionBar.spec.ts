import { expect, test, type Page } from '@playwright/test';
import { button, setUpDesk } from './pages';
import { daytimeZone, serveForSuite } from './serve';

/**
 * The action bar follows the call-flow rule (shared/domain/callFlow.ts), the one the handlers
 * refuse with: one call walked through every state, and in each every button is enabled exactly
 * when the rule allows it, a disabled one saying why in its tooltip before its shortcut.
 */
const BUTTONS = ['New call', 'Answer', 'Transfer', 'Transfer answered', 'Add step', 'Close call'] as const;
type Expected = Record<(typeof BUTTONS)[number], true | string>;
const ON = true;

async function expectBar(page: Page, expected: Expected): Promise<void> {
  for (const name of BUTTONS) {
    const want = expected[name];
    const b = button(page, name);
    if (want === ON) {
      await expect(b, name).toBeEnabled();
      await expect(b, name).toHaveAttribute('title', /^Shortcut: Alt\+\w$/);
    } else {
      await expect(b, name).toBeDisabled();
      await expect(b, name).toHaveAttribute('title', new RegExp(`^${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nShortcut: Alt\\+\\w$`));
    }
  }
}

const NO_TRANSFER = 'No transfer is waiting to be answered.';
const ANSWERED = 'This call was already answered.';
const CLOSED = 'This call is already closed.';

test.describe('the action bar in every state of a call', () => {
  const served = serveForSuite(['--lang', 'en']);

  test('each button is enabled exactly when the rule allows it, and says why when not', async ({ page }) => {
    await page.goto(served.url);
    await setUpDesk(page, daytimeZone());
    const noCall = 'No call open. Press New call when the phone rings.';
    await expectBar(page, { 'New call': ON, Answer: noCall, Transfer: noCall, 'Transfer answered': noCall, 'Add step': noCall, 'Close call': noCall });

    await button(page, 'New call').click();
    await expect(page.getByRole('timer')).toContainText('Waiting');
    const first = 'Answer the call first.';
    await expectBar(page, { 'New call': ON, Answer: ON, Transfer: first, 'Transfer answered': NO_TRANSFER, 'Add step': ON, 'Close call': first });

    await button(page, 'Answer').click();
    const noResult = 'Choose the result before closing.';
    await expectBar(page, { 'New call': ON, Answer: ANSWERED, Transfer: ON, 'Transfer answered': NO_TRANSFER, 'Add step': ON, 'Close call': noResult });

    await page.getByLabel('Transfer to (department or person)').fill('Tech team');
    await button(page, 'Transfer').click();
    const pending = 'The transfer has not been answered yet.';
    await expectBar(page, { 'New call': ON, Answer: ANSWERED, Transfer: pending, 'Transfer answered': ON, 'Add step': ON, 'Close call': pending });

    await button(page, 'Transfer answered').click();
    await expectBar(page, { 'New call': ON, Answer: ANSWERED, Transfer: ON, 'Transfer answered': NO_TRANSFER, 'Add step': ON, 'Close call': noResult });

    await page.getByLabel('Result').selectOption({ label: 'Resolved' });
    await page.getByLabel('Customer feedback').selectOption({ label: 'Unsatisfied' });
    await expectBar(page, { 'New call': ON, Answer: ANSWERED, Transfer: ON, 'Transfer answered': NO_TRANSFER, 'Add step': ON, 'Close call': 'Say why the customer was unsatisfied.' });

    await page.getByLabel('Why unsatisfied').fill('Waited too long');
    await page.getByLabel('Why unsatisfied').press('Tab');
    await expectBar(page, { 'New call': ON, Answer: ANSWERED, Transfer: ON, 'Transfer answered': NO_TRANSFER, 'Add step': ON, 'Close call': ON });

    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');
    // A follow-up's steps are still logged on the closed record.
    await expectBar(page, { 'New call': ON, Answer: CLOSED, Transfer: CLOSED, 'Transfer answered': CLOSED, 'Add step': ON, 'Close call': CLOSED });

    await button(page, 'New call').click();
    await expect(page.getByRole('timer')).toContainText('Waiting');
    const recordNo = (await page.getByTestId('record-no').textContent()) ?? '';
    await button(page, 'Void record…').click();
    await page.getByLabel('Reason for voiding').fill('Pressed New call by mistake');
    await button(page, 'Void record').click();
    await expect(page.getByTestId('void-mark')).toBeVisible();
    const voided = `Call ${recordNo} was voided; it can no longer be changed.`;
    await expectBar(page, { 'New call': ON, Answer: voided, Transfer: voided, 'Transfer answered': voided, 'Add step': voided, 'Close call': voided });
  });
});
