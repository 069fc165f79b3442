import { describe, expect, it } from 'vitest';
import { DICTIONARIES, type MessageKey } from '../../../shared/i18n';

/**
 * The Chinese dictionary has no Latin-script word but the tokens that are the same in every
 * language (issue 12, "Chinese throughout"): key names (Alt, Ctrl, Shift), VIP, PIN, p90,
 * file formats, the CLI's commands and options, zone names and offsets, example codes.
 */
const ALLOWED = new Set([
  'Alt', 'Ctrl', 'Shift', 'Enter', 'VIP', 'PIN', 'p90', 'p50', 'UTC', 'GMT', 'IANA', 'English',
  'Excel', 'xlsx', 'CSV', 'csv', 'UTF', 'PDF', 'ID', 'YYYY', 'MM', 'DD', 'HH',
  'ISO', 'P90', 'MiB',
  // The CLI's commands, and the backups folder's own name beside the database.
  'hotline', 'serve', 'export', 'import', 'backup', 'restore', 'users', 'unlock', 'policy', 'setup', 'db', 'lang', 'backups',
  'A03', 'B07', 'CS', 'Asia', 'Shanghai',
  // Telephony (issue 15): product and protocol names, and the AMI URL's schemes.
  'AMI', 'CTI', 'Asterisk', 'Zammad', 'TLS', 'ami', 'amis',
]);

/**
 * Latin words left once placeholders, zone names, key chords, folder paths, environment
 * variables, CLI options and record numbers are taken out.
 */
function latinWords(text: string): string[] {
  const stripped = text
    .replace(/\{\w+(?:\|[^|{}]*\|[^|{}]*)?\}/g, ' ')
    .replace(/\b[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+/g, ' ')
    .replace(/\b(?:Alt|Ctrl|Shift)\+[A-Z0-9]\b/g, ' ')
    .replace(/(?:[A-Z]:\\|\/)[\w\\/.-]+/g, ' ')
    .replace(/\b[A-Z]+(?:_[A-Z]+)+\b/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\bCS\d+\b/g, ' ');
  return (stripped.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((word) => !ALLOWED.has(word));
}

describe('the Chinese UI speaks Chinese', () => {
  it('no zh text has a Latin-script word but the allowed tokens', () => {
    const offenders = Object.entries(DICTIONARIES.zh)
      .map(([key, text]) => [key, latinWords(text)] as const)
      .filter(([, words]) => words.length > 0)
      .map(([key, words]) => `${key}: ${words.join(' ')}`);
    expect(offenders).toEqual([]);
  });

  it('the check finds an English word in a Chinese text', () => {
    expect(latinWords('未被接受：Describe the reason when choosing “other”')).toEqual(['Describe', 'the', 'reason', 'when', 'choosing', 'other']);
    expect(latinWords('快捷键：Alt+S · 时区 Asia/Shanghai（UTC+08:00）{n} 条')).toEqual([]);
  });

  it('every zh text exists for every en key', () => {
    const missing = (Object.keys(DICTIONARIES.en) as MessageKey[]).filter((key) => !(key in DICTIONARIES.zh));
    expect(missing).toEqual([]);
  });
});
