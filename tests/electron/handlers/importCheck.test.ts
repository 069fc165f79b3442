import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_KEEP_MS } from '../../../shared/api/importCheck';
import type { FileHost } from '../../../electron/handlers/context';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * "Check first" on the Import card, through the real dispatcher: a check
 * writes nothing, its handle imports that very file once (by the profile that
 * checked, within its lifetime, unchanged since), and the rest is refused
 * with an error that says what to do.
 */

const folder = tempDir('hotline-import-check-');
afterAll(() => folder.remove());

/** Two calls of 2024-06-01 on the paper record sheet, in the desk's zone (no 时区 column). */
const PAPER = '记录编号,来电时间,首次接听时间,客户称呼,联系方式,来电事由\r\nCS20240601001,2024-06-01 09:00,2024-06-01 09:02,张先生,138-0013-8000,订单物流异常\r\nCS20240601002,2024-06-01 10:00,2024-06-01 10:03,王女士,5678,退款进度查询\r\n';
const DAY = { from: '2024-06-01', to: '2024-06-01' };

/** The open dialog: it answers `file` and counts how often it was opened. */
function dialog(file: string | null): FileHost & { opened: number; released: string[] } {
  const host = {
    opened: 0,
    released: [] as string[],
    exportTarget: async () => null,
    importSource: async () => {
      host.opened++;
      return file ? { file, fileName: path.basename(file) } : null;
    },
    imported: (f: string) => void host.released.push(f),
  };
  return host;
}

/** Every row of every table that an import writes to, counted. */
async function counts(desk: TestDesk): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['calls', 'steps', 'transfers', 'policies', 'daily_serials', 'audit']) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(desk.store.db).catch(() => null);
    if (row) out[table] = row.rows[0]!.n;
  }
  return out;
}

describe('Check first', () => {
  let desk: TestDesk;
  let file: string;
  beforeAll(async () => {
    desk = await openTestDesk({ now: Date.UTC(2024, 6, 1, 6) });
  });
  afterAll(() => desk.close());
  beforeEach(() => {
    file = path.join(folder.dir, `paper-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, PAPER);
  });

  it('reads the file and writes nothing: every table and the file itself stay as they were', async () => {
    desk.ctx.files = dialog(file);
    const before = await counts(desk);
    const bytes = fs.readFileSync(file);
    const check = (await desk.ok('checkImport', {}))!;
    expect(check).toMatchObject({ fileName: path.basename(file), timeZone: 'Asia/Shanghai', report: { rows: 2, problemCount: 0 } });
    expect(check.check).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(check.expiresAt).toBe(desk.clock.ms + CHECK_KEEP_MS);
    expect(await counts(desk)).toEqual(before);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect((await desk.ok('reviewRecords', DAY)).total).toBe(0);
  });

  it('imports the checked file by its handle without asking again, once', async () => {
    const host = dialog(file);
    desk.ctx.files = host;
    const check = (await desk.ok('checkImport', {}))!;
    expect(host.opened).toBe(1);
    expect(await desk.ok('importArchive', { check: check.check })).toMatchObject({ fileName: path.basename(file), imported: 2, problemCount: 0 });
    expect(host.opened).toBe(1);
    expect(host.released).toEqual([file]);
    expect((await desk.ok('reviewRecords', DAY)).total).toBe(2);
    // The handle is spent: a second press is refused, and nothing is imported twice.
    expect(await desk.call('importArchive', { check: check.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });
    expect((await desk.ok('reviewRecords', DAY)).total).toBe(2);
  });

  it('refuses an unknown handle, a lapsed one and another profile’s, saying to check again', async () => {
    desk.ctx.files = dialog(file);
    expect(await desk.call('importArchive', { check: 'x'.repeat(24) })).toMatchObject({ ok: false, error: { code: 'import_check_expired', message: expect.stringContaining('Check first again') } });

    const check = (await desk.ok('checkImport', {}))!;
    const lead = desk.ctx.session.userId;
    const other = await desk.ok('saveUser', { name: '周主管', role: 'team_lead' });
    desk.ctx.session.userId = other.id;
    expect(await desk.call('importArchive', { check: check.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });
    desk.ctx.session.userId = lead;

    desk.clock.ms += CHECK_KEEP_MS;
    const released = (desk.ctx.files as ReturnType<typeof dialog>).released;
    expect(await desk.call('importArchive', { check: check.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });
    expect(released).toEqual([file]);
    desk.clock.ms -= CHECK_KEEP_MS;
  });

  it('refuses to import a file changed after its check', async () => {
    desk.ctx.files = dialog(file);
    const check = (await desk.ok('checkImport', {}))!;
    fs.appendFileSync(file, 'CS20240601003,2024-06-01 11:00,2024-06-01 11:01,李先生,1234,发票\r\n');
    expect(await desk.call('importArchive', { check: check.check })).toMatchObject({ ok: false, error: { code: 'import_file_changed' } });
  });

  it('checks the same file again in another zone, without asking for it, and imports in that zone', async () => {
    const host = dialog(file);
    desk.ctx.files = host;
    const first = (await desk.ok('checkImport', {}))!;
    const again = (await desk.ok('checkImport', { check: first.check, timeZone: 'europe/berlin' }))!;
    expect(host.opened).toBe(1);
    expect(again).toMatchObject({ timeZone: 'Europe/Berlin', fileName: first.fileName });
    // The first handle gave way to the second; the file stays for the import.
    expect(await desk.call('importArchive', { check: first.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });
    expect(host.released).toEqual([]);
    expect(await desk.call('checkImport', { check: again.check, timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'timeZone' } });
    expect(await desk.call('importArchive', { check: again.check, timeZone: 'Asia/Shanghai' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('is a team lead’s: an agent is refused before any dialog opens', async () => {
    const host = dialog(file);
    desk.ctx.files = host;
    const check = (await desk.ok('checkImport', {}))!;
    const lead = desk.ctx.session.userId;
    const agent = await desk.ok('saveUser', { name: '刘敏', role: 'agent' });
    desk.ctx.session.userId = agent.id;
    expect(await desk.call('checkImport', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('importArchive', { check: check.check })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.opened).toBe(1);
    desk.ctx.session.userId = lead;
  });

  it('runs one check or import at a time', async () => {
    desk.ctx.files = dialog(file);
    const [a, b] = await Promise.all([desk.call('checkImport', {}), desk.call('checkImport', {})]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'busy' } });
  });

  it('says plainly when the file cannot be read, and keeps nothing for it', async () => {
    fs.writeFileSync(file, 'PK\u0003\u0004 not a workbook');
    const broken = file.replace(/\.csv$/, '.xlsx');
    fs.renameSync(file, broken);
    const host = dialog(broken);
    desk.ctx.files = host;
    expect(await desk.call('checkImport', {})).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    expect(host.released).toEqual([broken]);
  });

  it('says why a file without a known header row cannot be read, as a reason code the screen translates', async () => {
    fs.writeFileSync(file, '姓名,电话\r\n张三,1234\r\n');
    desk.ctx.files = dialog(file);
    expect(await desk.call('checkImport', {})).toMatchObject({ ok: false, error: { code: 'file_unreadable', reason: { code: 'no_header' } } });
  });

  it('does nothing when the person cancels the open dialog', async () => {
    desk.ctx.files = dialog(null);
    expect(await desk.ok('checkImport', {})).toBeNull();
  });
});

