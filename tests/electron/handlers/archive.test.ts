import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/api/archive';
import type { FileHost } from '../../../electron/handlers/context';
import { fillDemo } from '../../../electron/demo/generate';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { deskWithRecords, RANGE, readXlsx } from '../archive/fixtures';

/**
 * The Review screen's Export and Import through the real dispatcher: the
 * filter decides the rows, a job reports progress and can be cancelled, and an
 * import is the team lead's, all rows or none, never twice.
 */

const folder = tempDir('hotline-archive-handlers-');
afterAll(() => folder.remove());

/** A FileHost standing in for the save/open dialogs: fixed answers, or "cancelled" (null). */
function dialogs(answer: { save?: string | null; open?: string | null }): FileHost {
  return {
    exportTarget: async () => (answer.save ? { file: answer.save, download: false } : null),
    importSource: async () => (answer.open ? { file: answer.open, fileName: path.basename(answer.open) } : null),
  };
}

async function finished(desk: TestDesk, job: ExportJob): Promise<ExportJob> {
  for (let view = job; ; view = await desk.ok('exportStatus', { job: job.job })) {
    if (view.state !== 'running') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('export from the Review screen', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await deskWithRecords();
  });
  afterAll(() => desk.close());

  it('writes exactly the records the filter shows, to the file the person chose', async () => {
    const file = path.join(folder.dir, 'service.xlsx');
    desk.ctx.files = dialogs({ save: file });
    const job = (await desk.ok('startExport', { ...RANGE, category: 'service', format: 'xlsx' }))!;
    expect(job).toMatchObject({ state: 'running', fileName: 'service.xlsx', savedTo: file, download: false });
    expect(await finished(desk, job)).toMatchObject({ state: 'done', rows: 2, fileName: 'service.xlsx' });
    const [records] = await readXlsx(file);
    const recordNos = records!.rows.slice(1).map((r) => r[0]!.v);
    expect(recordNos.sort()).toEqual(['CS20240520003', 'CS20240521001']);
    expect(records!.rows[0]![0]!.v).toBe('记录编号');
  });

  it('writes English headers and CSV when asked', async () => {
    const file = path.join(folder.dir, 'all.csv');
    desk.ctx.files = dialogs({ save: file });
    const job = await finished(desk, (await desk.ok('startExport', { ...RANGE, format: 'csv', lang: 'en' }))!);
    expect(job).toMatchObject({ state: 'done', rows: 4, steps: 0 });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFRecord no.')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(5);
  });

  it('says there is nothing to export for an empty list, before any dialog opens', async () => {
    let asked = false;
    desk.ctx.files = { ...dialogs({}), exportTarget: async () => ((asked = true), null) };
    expect(await desk.call('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'nothing_to_export' } });
    expect(asked).toBe(false);
  });

  it('does nothing when the person cancels the save dialog', async () => {
    desk.ctx.files = dialogs({ save: null });
    expect(await desk.ok('startExport', { ...RANGE, format: 'xlsx' })).toBeNull();
  });

  it('refuses a window that cannot ask for a file, and a range that ends before it starts', async () => {
    delete desk.ctx.files;
    expect(await desk.call('startExport', { ...RANGE, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    desk.ctx.files = dialogs({ save: path.join(folder.dir, 'never.xlsx') });
    expect(await desk.call('startExport', { from: RANGE.to, to: RANGE.from, format: 'xlsx' })).toMatchObject({ ok: false, error: { field: 'to' } });
    expect(fs.existsSync(path.join(folder.dir, 'never.xlsx'))).toBe(false);
  });

  it('keeps one profile’s export from another profile', async () => {
    desk.ctx.files = dialogs({ save: path.join(folder.dir, 'mine.xlsx') });
    const job = (await desk.ok('startExport', { ...RANGE, format: 'xlsx' }))!;
    await finished(desk, job);
    const admin = desk.ctx.session.userId;
    const other = await desk.ok('saveUser', { name: '王芳', role: 'agent' });
    desk.ctx.session.userId = other.id;
    expect(await desk.call('exportStatus', { job: job.job })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    desk.ctx.session.userId = admin;
  });
});

describe('a long export', () => {
  let desk: TestDesk;
  const out = tempDir('hotline-long-export-');
  beforeAll(async () => {
    desk = await openTestDesk({ now: Date.UTC(2024, 6, 1, 6) });
    await fillDemo(desk.store, { records: 6000, days: 30, seed: 'export', until: '2024-06-30', append: true, today: Date.UTC(2024, 6, 1, 6) });
  }, 60_000);
  afterAll(async () => {
    await desk.close();
    out.remove();
  });
  afterEach(() => {
    for (const f of fs.readdirSync(out.dir)) fs.rmSync(path.join(out.dir, f));
  });

  it('reports its progress, refuses a second export meanwhile, and finishes with every record', async () => {
    desk.ctx.files = dialogs({ save: path.join(out.dir, 'june.xlsx') });
    const job = (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'xlsx' }))!;
    expect(await desk.call('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'busy' } });
    const shares = new Set<number>();
    let view = job;
    while (view.state === 'running') {
      if (view.total > 0) shares.add(view.done / view.total);
      await new Promise((resolve) => setTimeout(resolve, 10));
      view = await desk.ok('exportStatus', { job: job.job });
    }
    expect(view).toMatchObject({ state: 'done', rows: 6000 });
    // The bar moved: some share strictly between the start and the end was seen.
    expect([...shares].some((s) => s > 0 && s < 1)).toBe(true);
    expect(fs.readdirSync(out.dir)).toEqual(['june.xlsx']);
  }, 60_000);

  it('stops when cancelled and leaves no file, not even a temporary one', async () => {
    desk.ctx.files = dialogs({ save: path.join(out.dir, 'june.xlsx') });
    const job = (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'xlsx' }))!;
    let view = job;
    while (view.done === 0 && view.state === 'running') view = await desk.ok('exportStatus', { job: job.job });
    expect(view.state).toBe('running');
    await desk.ok('cancelExport', { job: job.job });
    expect(await finished(desk, job)).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(out.dir)).toEqual([]);
  }, 60_000);
});

describe('import from the Review screen', () => {
  let source: TestDesk;
  let target: TestDesk;
  const exported = path.join(folder.dir, 'month.xlsx');
  beforeAll(async () => {
    source = await deskWithRecords();
    source.ctx.files = dialogs({ save: exported });
    await finished(source, (await source.ok('startExport', { ...RANGE, format: 'xlsx' }))!);
    target = await openTestDesk({ now: source.clock.ms });
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('is a team lead’s: an agent is refused before any dialog opens', async () => {
    const admin = target.ctx.session.userId;
    const agent = await target.ok('saveUser', { name: '刘敏', role: 'agent' });
    target.ctx.session.userId = agent.id;
    let asked = false;
    target.ctx.files = { ...dialogs({ open: exported }), importSource: async () => ((asked = true), null) };
    expect(await target.call('importArchive', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(asked).toBe(false);
    target.ctx.session.userId = admin;
  });

  it('imports every record once: the second time nothing changes, and says so', async () => {
    target.ctx.files = dialogs({ open: exported });
    expect(await target.ok('importArchive', {})).toMatchObject({ fileName: 'month.xlsx', layout: 'archive', rows: 4, imported: 4, skipped: 0, problemCount: 0 });
    expect((await target.ok('reviewRecords', RANGE)).total).toBe(4);
    expect(await target.ok('importArchive', {})).toMatchObject({ imported: 0, skipped: 4, problemCount: 0 });
    expect((await target.ok('reviewRecords', RANGE)).total).toBe(4);
  });

  it('imports nothing from a file with a bad row and names its row, column and reason', async () => {
    const bad = path.join(folder.dir, 'paper.csv');
    fs.writeFileSync(bad, '记录编号,来电时间,客户称呼\r\nCS20240601001,2024-06-01 09:00,张先生\r\nCS20240601002,昨天上午,王女士\r\n');
    target.ctx.files = dialogs({ open: bad });
    const report = (await target.ok('importArchive', {}))!;
    expect(report.imported).toBe(0);
    expect(report.problemCount).toBeGreaterThan(0);
    expect(report.problems).toContainEqual(expect.objectContaining({ row: 3, column: '来电时间' }));
    expect((await target.ok('reviewRecords', { from: '2024-06-01', to: '2024-06-01' })).total).toBe(0);
  });

  it('says plainly when the file cannot be read at all', async () => {
    const broken = path.join(folder.dir, 'broken.xlsx');
    fs.writeFileSync(broken, fs.readFileSync(exported).subarray(0, 2000));
    target.ctx.files = dialogs({ open: broken });
    expect(await target.call('importArchive', {})).toMatchObject({ ok: false, error: { code: 'file_unreadable', message: expect.stringContaining('Nothing was imported') } });
  });

  it('checks first: a dry run shows seed 004’s row as it would be stored and writes nothing; the import keeps its source reference', async () => {
    target.ctx.files = dialogs({ open: path.resolve('tests/fixtures/seeds/seed004-response.csv') });
    const day = { from: '2023-10-27', to: '2023-10-27' };
    const checked = (await target.ok('checkImport', {}))!;
    const dry = checked.report;
    expect(dry).toMatchObject({ dryRun: true, layout: 'response', imported: 0, toImport: 1, problemCount: 0, zone: 'Asia/Shanghai', zoneSource: 'desk', deskCode: 'A03' });
    expect(dry.preview).toEqual([expect.objectContaining({ recordNo: 'CS20231027001', sourceRef: '20231027001', callAt: '2023-10-27 09:15', resolvedAt: '2023-10-27 11:00', inferred: ['closedAt', 'resolvedAt'] })]);
    expect(dry.notes).toContainEqual(expect.objectContaining({ row: 2, column: '联系方式', code: 'phone_no_digits' }));
    expect(dry.columns.find((c) => c.column === '分类判定结果')).toMatchObject({ use: 'checked' });
    expect((await target.ok('reviewRecords', day)).total).toBe(0);

    expect(await target.ok('importArchive', { check: checked.check })).toMatchObject({ dryRun: false, imported: 1 });
    const [row] = (await target.ok('reviewRecords', day)).rows;
    expect((await target.ok('getCall', { id: row!.id })).sourceRef).toBe('20231027001');
    // A lead with the old sheet in hand finds the record by its number there.
    expect((await target.ok('reviewRecords', { ...day, text: '20231027001' })).rows.map((r) => r.recordNo)).toEqual(['CS20231027001']);
    expect((await target.ok('reviewRecords', { ...day, text: 'TECH2024' })).total).toBe(0);
  });

  it('does nothing when the person cancels the open dialog', async () => {
    target.ctx.files = dialogs({ open: null });
    expect(await target.ok('importArchive', {})).toBeNull();
  });
});
