import type { Page } from '@playwright/test';

/**
 * Latin-script words in a page's visible text (innerText leaves out what is hidden), for the
 * Chinese UI, which should have none but the tokens that are the same in every language:
 * record numbers (CS…), desk codes, zone names (Asia/Shanghai) and offsets (UTC+08:00),
 * Alt+letter shortcuts and key names (Ctrl, Shift), VIP, p90, PIN, file formats (Excel, xlsx, CSV, UTF-8, PDF), and the
 * language switch's "English", folder paths, ISO (country codes), MiB, and the CLI's
 * `hotline users unlock` and the default "backups" folder named on the Team screen, and the
 * Telephony card's product and protocol names (AMI, CTI, Asterisk, Zammad, TLS, the ami:// and amis:// schemes).
 */
export async function latinWords(page: Page, allowed: readonly string[] = []): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const stripped = text
    // Folder and file paths (a slash with no word before it), backup files' names: data, the same in every
    // language. Taken first: a temp folder named like GGadKz/backups/… would otherwise be read as a zone
    // name (Asia/Shanghai, below) and leave a lone ".db".
    .replace(/(?:[A-Z]:\\|(?<!\w)\/)[\w\\/.:-]+/g, ' ')
    .replace(/[\w.-]+\.db\b/g, ' ')
    .replace(/\b[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+/g, ' ')
    .replace(/\bAlt\+[A-Z0-9]\b/g, ' ')
    .replace(/\bCS\d+\b/g, ' ');
  const ok = new Set(['Alt', 'Ctrl', 'Shift', 'VIP', 'p90', 'PIN', 'UTC', 'GMT', 'English', 'Excel', 'xlsx', 'CSV', 'UTF', 'PDF', 'P90', 'MiB', 'ISO', 'hotline', 'users', 'unlock', 'backups', 'AMI', 'CTI', 'Asterisk', 'Zammad', 'TLS', 'ami', 'amis', ...allowed]);
  return (stripped.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((word) => !ok.has(word));
}
