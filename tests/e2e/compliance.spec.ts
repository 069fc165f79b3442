import { expect, test } from '@playwright/test';
import { button, ensureDesk } from './pages';
import { daytimeZone, serveForSuite, typedTime } from './serve';

test.describe('targets, misses and follow-ups', () => {
  const served = serveForSuite();

  test('a breached call shows it in words, alerts once, and cannot close without a reason', async ({ page }) => {
    await page.goto(served.url);
    const zone = daytimeZone();
    await ensureDesk(page, zone);

    await page.getByLabel('At (blank = now)').fill(typedTime(zone, 70));
    await button(page, 'New call').click();
    await page.getByLabel('Priority').selectOption({ label: 'Important' });
    await page.getByLabel('Request type').selectOption({ label: 'Complaint' });
    await page.getByLabel('Salutation').fill('Mr. Zhao');
    await page.getByLabel('Salutation').press('Tab');
    // Running over an hour unanswered: the response target is breached, in colour and in words.
    const response = page.getByTestId('targets').locator('[data-kind="response"]');
    await expect(response).toHaveAttribute('data-state', 'breached');
    await expect(response).toContainText('Response');
    await expect(response).toContainText('breached');
    await expect(response).toContainText(/over/);
    await expect(page.getByRole('alert', { name: 'Target alert' })).toContainText('Response: breached');
    await expect(page.getByRole('row', { name: /Mr\. Zhao/ })).toContainText('Response breached');

    await button(page, 'Answer').click();
    await page.getByLabel('Result').selectOption({ label: 'Resolved' });
    await button(page, 'Close call').click();
    await expect(page.getByRole('alert').filter({ hasText: 'Give a reason for each missed target first: Response' })).toBeVisible();
    await expect(page.locator('.badge')).toHaveCount(0);

    await page.getByLabel('Reason for Response').selectOption({ label: 'Other' });
    await page.getByRole('button', { name: 'Save reason' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Describe the reason' })).toBeVisible();
    await page.getByLabel('Reason for Response').selectOption({ label: 'Too many calls at once' });
    await page.getByLabel('Details for Response').fill('Peak hour, 12 calls queued');
    await page.getByRole('button', { name: 'Save reason' }).click();
    await expect(page.getByTestId('miss-response-0')).toContainText('reason given');
    await button(page, 'Close call').click();
    await expect(page.locator('.badge')).toContainText('Closed');
    await page.screenshot({ path: 'test-results/screenshots/breach-en.png', fullPage: true });

    // A complaint is called back within 24 h: it waits on the Follow-ups view until done.
    await page.getByRole('button', { name: 'Follow-ups' }).click();
    const callback = page.getByTestId('follow-up-callback');
    await expect(callback).toContainText('Callback');
    await expect(callback).toContainText('Mr. Zhao');
    await callback.getByRole('button', { name: 'Done' }).click();
    await expect(callback.getByRole('alert')).toContainText('Say what came of it.');
    await callback.getByRole('textbox').fill('Customer confirmed the fix');
    await callback.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('follow-up-callback')).toHaveCount(0);

    // The callback is a step on the same record, and the alert is not raised again after a reload.
    await page.reload();
    await expect(page.getByRole('alert', { name: 'Target alert' })).toHaveCount(0);
    await page.getByRole('row', { name: /Mr\. Zhao/ }).getByRole('button').click();
    await expect(page.getByTestId('steps')).toContainText('Callback: Customer confirmed the fix');
  });

  test('the Policy screen validates every value, previews, and saves a new version', async ({ page }) => {
    await page.goto(served.url);
    await ensureDesk(page, daytimeZone());
    await page.getByRole('button', { name: 'Policy' }).click();
    await expect(page.getByRole('heading', { name: 'Timing policy (version 1)' })).toBeVisible();
    const preview = page.getByTestId('policy-preview');
    await expect(preview).toContainText(/A call at Friday 17:30 .*, priority General: .* resolve by Wednesday 17:30/);

    await page.getByLabel('General Resolution', { exact: true }).fill('2');
    await expect(preview).toContainText('resolve by Tuesday 17:30');

    await page.getByLabel('Warn when this % of a target is used').fill('150');
    await expect(page.getByText('A percentage from 1 to 99.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save as a new version' })).toBeDisabled();
    await page.getByLabel('Warn when this % of a target is used').fill('75');

    await page.getByLabel('Make-up working days (调休)').fill('2099-01-03');
    await page.getByLabel('One entry a line').fill('2099-01-01~2099-01-02 休\n2099-01-04 班');
    await page.getByRole('button', { name: 'Import schedule' }).click();
    await expect(page.getByLabel('Holidays (one date a line)')).toHaveValue('2099-01-01\n2099-01-02');
    await expect(page.getByLabel('Make-up working days (调休)')).toHaveValue('2099-01-03\n2099-01-04');

    await page.getByRole('button', { name: 'Four levels' }).click();
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(page.getByText('Version 2 saved and in force for new calls.')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/policy-en.png', fullPage: true });

    await page.getByRole('button', { name: 'Desk' }).click();
    await button(page, 'New call').click();
    await expect(page.getByLabel('Priority').locator('option')).toHaveText(['—', 'Urgent', 'High', 'Medium', 'Low']);
  });
});
