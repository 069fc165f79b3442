import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/api/archive';
import { fillDemo } from '../../../electron/demo/generate';
import { scheduleBackups, type BackupOutcome } from '../../../electron/durability/schedule';
import type { FileHost } from '../../../electron/handlers/context';
import { WorkerRunner } from '../../../electron/worker/bulkRunner';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { bulkWorkerBundle } from '../../helpers/workerBundle';

/**
 * Backups, exports and imports in the bulk worker thread, on its own
 * connection, seen through the real dispatcher: the desk keeps logging clicks
 * while they run, exports still report progress and cancel, an import's
 * outcome and its refusals come back as before.
 */

const folder = tempDir('hotline-worker-');
let workerFile: string;
let desk: TestDesk;
let bulk: WorkerRunner;
const NOW = Date.UTC(2024, 6, 1, 6);

function dialogs(answer: { save?: string; open?: string }): FileHost {
  return {
    exportTarget: async () => (answer.save ? { file: answer.save, download: false } : null),
    importSource: async () => (answer.open ? { file: answer.open, fileName: path.basename(answer.open) } : null),
  };
}

async function finished(d: TestDesk, job: ExportJob, whileRunning?: () => Promise<void>): Promise<ExportJob> {
  for (let view = job; ; view = await d.ok('exportStatus', { job: job.job })) {
    if (view.state !== 'running') return view;
    await whileRunning?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  workerFile = await bulkWorkerBundle();
  desk = await openTestDesk({ now: NOW, file: path.join(folder.dir, 'desk.db') });
  await fillDemo(desk.store, { records: 4000, days: 30, seed: 'worker', until: '2024-06-30', append: true, today: NOW });
  bulk = new WorkerRunner(workerFile, { file: desk.file });
  desk.ctx.bulk = bulk;
}, 120_000);
afterAll(async () => {
  await bulk.close();
  await desk.close();
  folder.remove();
});

describe('an export in the worker', () => {
  it('writes every record while the desk goes on logging clicks, and reports its progress', async () => {
    const file = path.join(folder.dir, 'june.xlsx');
    desk.ctx.files = dialogs({ save: file });
    const call = await desk.ok('startCall', {});
    const job = (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'xlsx' }))!;
    const shares = new Set<number>();
    let steps = 0;
    const view = await finished(desk, job, async () => {
      const seen = await desk.ok('exportStatus', { job: job.job });
      if (seen.total > 0) shares.add(seen.done / seen.total);
      await desk.ok('addStep', { id: call.id, text: `step ${++steps}` });
    });
    expect(view).toMatchObject({ state: 'done', rows: 4000 });
    expect([...shares].some((s) => s > 0 && s < 1)).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    // The clicks made while the export ran are all saved.
    expect((await desk.ok('getCall', { id: call.id })).steps).toHaveLength(steps);
    expect(steps).toBeGreaterThan(0);
  }, 60_000);

  it('stops when cancelled and leaves no file', async () => {
    const out = tempDir('hotline-worker-cancel-');
    desk.ctx.files = dialogs({ save: path.join(out.dir, 'june.xlsx') });
    const job = (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'xlsx' }))!;
    let view = job;
    // The worker's progress arrives as messages: the loop must let the event loop turn.
    while (view.done === 0 && view.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 2));
      view = await desk.ok('exportStatus', { job: job.job });
    }
    expect(view.state).toBe('running');
    await desk.ok('cancelExport', { job: job.job });
    expect(await finished(desk, job)).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(out.dir)).toEqual([]);
    out.remove();
  }, 60_000);
});

describe('closing the app while an export runs', () => {
  it('stops the export and leaves no file behind, not even a temporary one', async () => {
    const out = tempDir('hotline-worker-close-');
    const own = new WorkerRunner(workerFile, { file: desk.file });
    let progressed = false;
    const running = own.run(
      { kind: 'export', options: { filter: { from: '2024-06-01', to: '2024-06-30' }, format: 'xlsx', file: path.join(out.dir, 'june.xlsx'), now: NOW } },
      { onProgress: (done) => (progressed ||= done > 0) },
    );
    const outcome = running.then(
      () => 'finished',
      () => 'stopped',
    );
    while (!progressed) await new Promise((resolve) => setTimeout(resolve, 2));
    await own.close();
    expect(await outcome).toBe('stopped');
    expect(fs.readdirSync(out.dir)).toEqual([]);
    out.remove();
  }, 60_000);
});

describe('an import in the worker', () => {
  let target: TestDesk;
  const exported = path.join(folder.dir, 'june.csv');
  beforeAll(async () => {
    desk.ctx.files = dialogs({ save: exported });
    await finished(desk, (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-10', format: 'csv' }))!);
    target = await openTestDesk({ now: NOW, file: path.join(folder.dir, 'target.db') });
    target.ctx.bulk = new WorkerRunner(workerFile, { file: target.file });
  }, 60_000);
  afterAll(async () => {
    await target.ctx.bulk?.close();
    await target.close();
  });

  it('checks first without writing, then imports every record, seen at once by the desk', async () => {
    target.ctx.files = dialogs({ open: exported });
    const checked = (await target.ok('checkImport', {}))!;
    expect(checked.report).toMatchObject({ dryRun: true, imported: 0, problemCount: 0 });
    expect(checked.report.toImport).toBeGreaterThan(1000);
    expect((await target.ok('reviewRecords', { from: '2024-06-01', to: '2024-06-10' })).total).toBe(0);
    const report = (await target.ok('importArchive', { check: checked.check }))!;
    expect(report).toMatchObject({ imported: checked.report.toImport, skipped: 0, problemCount: 0 });
    expect((await target.ok('reviewRecords', { from: '2024-06-01', to: '2024-06-10' })).total).toBe(report.imported);
  }, 60_000);

  it('says plainly when the file cannot be read, as it did before the worker', async () => {
    const broken = path.join(folder.dir, 'broken.xlsx');
    fs.writeFileSync(broken, Buffer.from('PK\u0003\u0004 not really a zip'));
    target.ctx.files = dialogs({ open: broken });
    expect(await target.call('importArchive', {})).toMatchObject({ ok: false, error: { code: 'file_unreadable', message: expect.stringContaining('broken.xlsx') } });
  });
});

describe('a backup in the worker', () => {
  it('writes a checked copy that holds every call, and clicks go on meanwhile', async () => {
    const dir = path.join(folder.dir, 'backups');
    const outcomes: BackupOutcome[] = [];
    const call = await desk.ok('startCall', {});
    const schedule = scheduleBackups({ store: desk.store, dir, runner: bulk, report: (o) => outcomes.push(o), rotation: { daily: 7, weekly: 4 } });
    await desk.ok('addStep', { id: call.id, text: 'while the backup runs' });
    await schedule.stop();
    expect(outcomes).toEqual([expect.objectContaining({ ok: true })]);
    const made = outcomes[0]!.ok ? outcomes[0]!.backup.file : '';
    const copy = new BetterSqlite3(made, { readonly: true });
    const inCopy = copy.prepare('SELECT count(*) FROM calls').pluck().get();
    copy.close();
    const live = await desk.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(inCopy).toBe(Number(live.n));
    expect((await desk.ok('getCall', { id: call.id })).steps).toHaveLength(1);
  }, 60_000);
});

describe('a back-dated policy’s re-judge in the worker', () => {
  it('gives every record from its date the new version, and the desk sees it when the save returns', async () => {
    const policy = defaultPolicy('Asia/Shanghai');
    policy.priorities = policy.priorities.map((l) => (l.key === 'general' ? { ...l, resolution: { amount: 2, unit: 'workingDays' } } : l));
    const from = '2024-06-20';
    const inSpan = async (version: number) =>
      Number(
        (
          await desk.store.db
            .selectFrom('calls')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('local_date', '>=', from)
            .where('local_date', '<=', '2024-06-30')
            .where('policy_id', '=', version)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const saved = await desk.ok('savePolicy', { policy, effectiveFrom: from, reason: 'tighter general resolution' });
    expect(saved.recordsRejudged).toBeGreaterThan(500);
    expect(await inSpan(saved.version)).toBeGreaterThan(500);
    const before = await desk.store.db.selectFrom('calls').select('policy_id').where('local_date', '=', '2024-06-10').executeTakeFirstOrThrow();
    expect(before.policy_id).not.toBe(saved.version);
  }, 60_000);
});

describe('an import’s progress and cancel', () => {
  let target: TestDesk;
  const month = path.join(folder.dir, 'june-all.csv');
  beforeAll(async () => {
    desk.ctx.files = dialogs({ save: month });
    await finished(desk, (await desk.ok('startExport', { from: '2024-06-01', to: '2024-06-30', format: 'csv' }))!);
    target = await openTestDesk({ now: NOW, file: path.join(folder.dir, 'cancel.db') });
    target.ctx.bulk = new WorkerRunner(workerFile, { file: target.file });
    target.ctx.files = dialogs({ open: month });
  }, 60_000);
  afterAll(async () => {
    await target.ctx.bulk?.close();
    await target.close();
  });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const stored = async () => (await target.ok('reviewRecords', { from: '2024-06-01', to: '2024-06-30' })).total;

  it('shows the rows read while it reads; cancelled then, it imports nothing and says so', async () => {
    const answer = target.call('importArchive', {});
    let seen = await target.ok('importProgress', {});
    while (seen === null || seen.rowsRead === 0) {
      await tick();
      seen = await target.ok('importProgress', {});
    }
    expect(seen).toMatchObject({ action: 'import', writing: false });
    expect(await target.ok('cancelImport', {})).toMatchObject({ cancelling: true });
    expect(await answer).toMatchObject({ ok: false, error: { code: 'import_cancelled' } });
    expect(await stored()).toBe(0);
    expect(await target.ok('importProgress', {})).toBeNull();
  }, 60_000);

  it('imports the same file whole when not cancelled, and another profile sees no progress of it', async () => {
    const answer = target.call('importArchive', {});
    const other = await target.ok('saveUser', { name: '赵组长', role: 'team_lead' });
    const me = target.ctx.session.userId;
    target.ctx.session.userId = other.id;
    expect(await target.ok('importProgress', {})).toBeNull();
    expect(await target.ok('cancelImport', {})).toBeNull();
    target.ctx.session.userId = me;
    const result = await answer;
    expect(result).toMatchObject({ ok: true, value: { imported: 4000 } });
    expect(await stored()).toBe(4000);
  }, 60_000);
});
