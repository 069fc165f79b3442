import { expect, type Page } from '@playwright/test';

/** A button found by its exact accessible name, as a person reads it. */
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** First run in English: desk code, name and zone; waits for the empty desk. */
export async function setUpDesk(page: Page, zone: string): Promise<void> {
  await page.getByLabel('Desk code').fill('A03');
  await page.getByLabel('Your name').fill('Li Na');
  await page.getByLabel('Time zone').fill(zone);
  await button(page, 'Start logging').click();
  await expect(page.getByText('No call open')).toBeVisible();
}

/** Sets the desk up unless an earlier test in the same database already did. */
export async function ensureDesk(page: Page, zone: string): Promise<void> {
  await expect(page.getByLabel('Desk code').or(button(page, 'New call'))).toBeVisible();
  if (await page.getByLabel('Desk code').isVisible()) await setUpDesk(page, zone);
}
