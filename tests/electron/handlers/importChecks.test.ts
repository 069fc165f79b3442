import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_KEEP_MS } from '../../../shared/api/importCheck';
import { ImportChecks, type CheckedFile } from '../../../electron/handlers/importChecks';
import { tempDir } from '../../helpers/tempStore';

/**
 * The checked files behind their handles, without the import core: what a
 * handle gives, to whom, for how long, and when the file is let go.
 */

const folder = tempDir('hotline-import-checks-');
afterAll(() => folder.remove());
const T0 = Date.UTC(2024, 6, 1, 6);
const LEAD = 7;

function checked(name: string, released: string[]): CheckedFile {
  const file = path.join(folder.dir, name);
  fs.writeFileSync(file, `记录编号,来电时间\r\n${name}\r\n`);
  return { file, fileName: name, timeZone: 'Asia/Shanghai', uploaded: true, release: () => void released.push(name) };
}
const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('import checks', () => {
  it('gives the checked file once, to the profile that checked, until it lapses', () => {
    const checks = new ImportChecks();
    const released: string[] = [];
    const { check, expiresAt } = checks.keep(LEAD, checked('a.csv', released), T0);
    expect(expiresAt).toBe(T0 + CHECK_KEEP_MS);
    expect(codeOf(() => checks.peek(check, LEAD + 1, T0))).toBe('import_check_expired');
    expect(checks.peek(check, LEAD, T0 + CHECK_KEEP_MS - 1).fileName).toBe('a.csv');
    expect(checks.take(check, LEAD, T0).fileName).toBe('a.csv');
    // Taken for its import: the caller releases it after the import, not the registry.
    expect(released).toEqual([]);
    expect(codeOf(() => checks.take(check, LEAD, T0))).toBe('import_check_expired');
  });

  it('lets a lapsed check go, releasing its file', () => {
    const checks = new ImportChecks();
    const released: string[] = [];
    const { check } = checks.keep(LEAD, checked('b.csv', released), T0);
    expect(codeOf(() => checks.take(check, LEAD, T0 + CHECK_KEEP_MS))).toBe('import_check_expired');
    expect(released).toEqual(['b.csv']);
  });

  it('keeps one check a profile: another file releases the first, the same file moves to the new handle', () => {
    const checks = new ImportChecks();
    const released: string[] = [];
    const first = checks.keep(LEAD, checked('c.csv', released), T0);
    const again = checks.keep(LEAD, { ...checks.peek(first.check, LEAD, T0), timeZone: 'Europe/Berlin' }, T0 + 60_000);
    expect(released).toEqual([]);
    expect(codeOf(() => checks.peek(first.check, LEAD, T0))).toBe('import_check_expired');
    expect(checks.peek(again.check, LEAD, T0).timeZone).toBe('Europe/Berlin');
    expect(again.expiresAt).toBe(T0 + 60_000 + CHECK_KEEP_MS);
    checks.keep(LEAD, checked('d.csv', released), T0);
    expect(released).toEqual(['c.csv']);
    // Another profile's check is its own.
    checks.keep(LEAD + 1, checked('e.csv', released), T0);
    expect(released).toEqual(['c.csv']);
  });

  it('refuses a file changed or gone since it was checked', () => {
    const checks = new ImportChecks();
    const released: string[] = [];
    const file = checked('f.csv', released);
    const { check } = checks.keep(LEAD, file, T0);
    fs.appendFileSync(file.file, 'CS20240601003\r\n');
    expect(codeOf(() => checks.take(check, LEAD, T0))).toBe('import_file_changed');
    const gone = checked('g.csv', released);
    const second = checks.keep(LEAD, gone, T0);
    fs.rmSync(gone.file);
    expect(codeOf(() => checks.take(second.check, LEAD, T0))).toBe('import_file_changed');
  });
});
