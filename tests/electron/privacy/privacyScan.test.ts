import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCsv, parseCsv } from '../../../electron/archive/csv';
import { backupIntoFolder } from '../../../electron/durability/backup';
import { openStoreSafely } from '../../../electron/durability/openSafely';
import type { HandlerContext } from '../../../electron/handlers/context';
import { dispatch } from '../../../electron/handlers/dispatch';
import type { Store } from '../../../electron/store/openDb';
import { requestSchemas, type MethodName } from '../../../shared/api/contract';
import type { ExportJob } from '../../../shared/api/archive';
import type { ApiResult } from '../../../shared/api/result';
import { SEED_MORNING, TestClock, tempDir } from '../../helpers/tempStore';
import { pathsHolding, scanFolder, textFieldsOf } from './scan';

/**
 * Issue 6, Privacy: "Only the last four digits of a phone number are ever
 * written anywhere (database, WAL, backups, logs, exports): a test types a full
 * number (also as +86 138-0013-8000 and in full-width digits) into every field
 * and scans every file the app wrote."
 *
 * For each way of typing the number: a desk opened as the app opens it
 * (openStoreSafely) in a fresh folder; an agent's real work through the real
 * dispatcher with the number in every free-text field that stores something;
 * then every text field of every request in the contract (read from its zod
 * schemas) sent once more holding the number, whatever comes of it; a storage
 * failure, so the error log has something to say; exports to .xlsx and .csv
 * through the same requests the Review screen uses; a backup; and an import of
 * a file holding the full number in every column into a second database. Then
 * every byte of every file in the folder is scanned — the databases with their
 * -wal and -shm while open and again after closing, the backups, the exports
 * (each part of the .xlsx unpacked), the notifications shown and the log.
 */
const VARIANTS = ['13800138000', '+86 138-0013-8000', '１３８００１３８０００', '＋８６　１３８－００１３－８０００'];
const TEXT_FIELDS = textFieldsOf(requestSchemas);
const DAY = '2024-05-20';

let logLines: string[];
beforeEach(() => {
  logLines = [];
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logLines.push(args.map(String).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One database opened as the app opens it, with a context whose notifications and file dialogs land in the scanned folder. */
async function openDesk(dir: string, name: string, clock: TestClock, importFile?: string) {
  const file = path.join(dir, name);
  const { store } = await openStoreSafely(file, { backupDir: path.join(dir, 'backups') });
  let open = true;
  const close = async () => {
    if (open) await store.close();
    open = false;
  };
  cleanups.push(close);
  fs.mkdirSync(path.join(dir, 'exports'), { recursive: true });
  const ctx: HandlerContext = {
    db: store.db,
    now: clock.now,
    session: { userId: null },
    // Stands in for the system's notification centre, which keeps what it showed.
    notify: (title, body) => {
      fs.appendFileSync(path.join(dir, 'notifications.txt'), `${title}\t${body}\n`);
      return true;
    },
    files: {
      exportTarget: (suggested) => Promise.resolve({ file: path.join(dir, 'exports', `${name}-${Date.now()}-${suggested}`), download: false }),
      importSource: () => Promise.resolve(importFile ? { file: importFile, fileName: path.basename(importFile) } : null),
    },
  };
  return { store, ctx, close };
}

/** Sends requests through the real dispatcher and notes which fields held the number. */
class Typist {
  readonly typedInto = new Set<string>();
  constructor(
    private readonly ctx: HandlerContext,
    private readonly number: string,
  ) {}

  send(method: MethodName, request: Record<string, unknown>): Promise<ApiResult<unknown>> {
    for (const at of pathsHolding(request, this.number)) this.typedInto.add(`${method}.${at}`);
    return dispatch(method, request, this.ctx) as Promise<ApiResult<unknown>>;
  }

  async ok<T = { id: number }>(method: MethodName, request: Record<string, unknown>): Promise<T> {
    const result = await this.send(method, request);
    if (!result.ok) throw new Error(`${method} was refused: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async refused(method: MethodName, request: Record<string, unknown>): Promise<string> {
    const result = await this.send(method, request);
    if (result.ok) throw new Error(`${method} was accepted: ${JSON.stringify(request)}`);
    return result.error.code;
  }

  /** The contract's text fields no request has typed the number into yet. */
  untyped(): string[] {
    return TEXT_FIELDS.filter((f) => ![...this.typedInto].some((t) => t === f || t.startsWith(`${f}.`)));
  }
}

async function waitForExport(typist: Typist, job: ExportJob | null): Promise<ExportJob> {
  if (!job) throw new Error('the export did not start');
  for (;;) {
    const status = await typist.ok<ExportJob>('exportStatus', { job: job.job });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A valid request for each method, for the sweep that types the number into one field of it at a time. */
function baseRequests(id: number): Record<MethodName, Record<string, unknown>> {
  const range = { from: '2024-05-01', to: '2024-05-31' };
  return {
    getDesk: {},
    setupDesk: { code: 'A03', timeZone: 'Asia/Shanghai', agentName: '李娜' },
    rememberLanguage: { lang: 'zh' },
    startCall: {},
    answerCall: { id },
    updateCall: { id, patch: {} },
    setResult: { id, result: 'in_progress', followUpDue: '2024-05-22 10:00', followUpOwner: '张工', note: '等待技术部' },
    transferCall: { id, to: '技术部' },
    answerTransfer: { id },
    addStep: { id, text: '查询物流' },
    closeCall: { id },
    // No such record: voiding the sweep's call would leave it out of the exports counted below (the real void is above).
    voidCall: { id: id + 1000, reason: '误点新来电' },
    getCall: { id },
    listDay: { date: DAY },
    suggestReasons: { prefix: '订单' },
    getPolicy: {},
    savePolicy: { policy: {} },
    previewPolicy: { policy: {} },
    policyHistory: {},
    suggestHolidays: { country: 'CN', year: 2024 },
    addMissReason: { id, kind: 'response', index: 0, code: 'other', text: '同时接待量超负荷' },
    listFollowUps: {},
    completeFollowUp: { id, kind: 'resolution', outcome: '已解决' },
    notify: { title: '目标提醒', body: '即将超时' },
    whoAmI: {},
    listUsers: {},
    signIn: { userId: 1 },
    signOut: {},
    saveUser: { name: '王芳', role: 'agent' },
    correctMoment: { id, moment: 'call', at: `${DAY} 14:10`, changeReason: '补录' },
    getAudit: { id },
    dayStatus: { date: DAY },
    signOffDay: { date: DAY },
    reviewRecords: range,
    reviewAgents: range,
    getStats: range,
    listMeasures: {},
    saveMeasure: { problem: '响应慢', rootCause: '排班', measure: '增加早班', owner: '张工', deadline: '2024-06-30', startDate: '2024-05-21', metric: 'responseCompliance' },
    startExport: { ...range, format: 'csv' },
    exportStatus: { job: 'x'.repeat(16) },
    cancelExport: { job: 'x'.repeat(16) },
    importArchive: {},
    checkImport: {},
    importProgress: {},
    cancelImport: {},
    getBackups: {},
    teamStatus: {},
    teamScope: {},
    teamBoard: {},
    teamSignOffDays: { date: '2024-05-20' },
    teamSignOffDay: { desk: 'A03', date: '2024-05-20' },
    teamRecord: { deskCode: 'B01', recordNo: 'CS20240520001' },
    sendToDesk: { deskCode: 'B01', recordNo: 'CS20240520001', change: { method: 'addMissReason', kind: 'response', index: 0, code: 'overload' } },
    setBackupDir: { dir: null },
    backupNow: {},
    getReport: range,
    printReport: range,
    getLockouts: {},
    clearLockout: { userId: 1 },
    callerHistory: { recordId: id },
    listMissedCalls: { open: true },
    markMissedCallsCalledBack: { ids: [1] },
    getTelephony: {},
    saveTelephony: { extension: 'PJSIP/1001' },
  };
}

function withField(request: Record<string, unknown>, field: string, value: string): Record<string, unknown> {
  const copy = structuredClone(request);
  const keys = field.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

/** An export of the desk's records, with the masked number put back in full in every text column (the phone column too). */
function fileHoldingTheNumber(exportedCsv: string, number: string, dest: string): void {
  const rows = [...parseCsv(decodeCsv(fs.readFileSync(exportedCsv)).text)].map((r) => r.fields);
  const phone = rows[0]!.indexOf('联系方式(后四位)');
  expect(phone).toBeGreaterThan(0);
  const full = rows.map((fields, i) => (i === 0 ? fields : fields.map((f, c) => (c === phone ? number : f.replaceAll('****8000', number)))));
  expect(full.slice(1).flat().filter((f) => f.includes(number)).length).toBeGreaterThan(10);
  const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
  fs.writeFileSync(dest, `\uFEFF${full.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`);
}

describe('the privacy scan', () => {
  it('covers the text fields of the contract (read from its schemas)', () => {
    expect(TEXT_FIELDS).toEqual(expect.arrayContaining(['setupDesk.agentName', 'updateCall.patch.phone', 'updateCall.patch.remarks', 'addStep.text', 'savePolicy.policy', 'saveMeasure.problem', 'notify.body']));
    expect(TEXT_FIELDS.length).toBeGreaterThan(60);
  });

  it.each(VARIANTS)('typed as %s, the number is in no file the app wrote; only its last four digits are', async (number) => {
    const tmp = tempDir('hotline-privacy-');
    cleanups.push(tmp.remove);
    const dir = tmp.dir;
    const clock = new TestClock(SEED_MORNING);
    const desk = await openDesk(dir, 'hotline.db', clock);
    const typist = new Typist(desk.ctx, number);
    const said = `客户${number}要求回电`;

    // First run: the number as the desk code, zone or PIN is refused; as the name it is masked.
    await typist.refused('setupDesk', { code: number, timeZone: 'Asia/Shanghai', agentName: '李娜' });
    await typist.refused('setupDesk', { code: 'A03', timeZone: number, agentName: '李娜' });
    await typist.refused('setupDesk', { code: 'A03', timeZone: 'Asia/Shanghai', agentName: '李娜', pin: number });
    await typist.ok('setupDesk', { code: 'A03', timeZone: 'Asia/Shanghai', agentName: `李娜${number}` });

    // A call with the number in every field a record keeps, through to its follow-ups.
    const a = await typist.ok('startCall', {});
    clock.advance(1);
    await typist.ok('answerCall', { id: a.id, changeReason: said });
    const patch = { salutation: said, phone: number, reason: said, handler: said, feedback: 'unsatisfied', feedbackReason: said, scoreSpeed: 1, remarks: said };
    const record = await typist.ok<{ phoneLast4: string; remarks: string }>('updateCall', { id: a.id, patch, changeReason: said });
    expect(record).toMatchObject({ phoneLast4: '8000', remarks: '客户****8000要求回电' });
    await typist.ok('transferCall', { id: a.id, to: said, changeReason: said });
    clock.advance(1);
    await typist.ok('answerTransfer', { id: a.id, changeReason: said });
    await typist.ok('addStep', { id: a.id, text: said, changeReason: said });
    await typist.ok('setResult', { id: a.id, result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: said, note: said, changeReason: said });
    await typist.ok('correctMoment', { id: a.id, moment: 'call', at: `${DAY} 14:14`, changeReason: said });
    await typist.ok('closeCall', { id: a.id, changeReason: said });
    for (const kind of ['resolution', 'callback', 'leadFollowUp']) await typist.ok('completeFollowUp', { id: a.id, kind, outcome: said, changeReason: said });

    // A call answered late: a missed target and its reason; a result that cannot be reached.
    const b = await typist.ok('startCall', {});
    await typist.ok('updateCall', { id: b.id, patch: { priority: 'urgent' } });
    clock.advance(30);
    await typist.ok('answerCall', { id: b.id });
    await typist.ok('addMissReason', { id: b.id, kind: 'response', index: 0, code: 'other', text: said, changeReason: said });
    await typist.ok('setResult', { id: b.id, result: 'cannot_resolve', note: said });

    // A call logged by mistake, voided with the number in its reason (voided records are not exported).
    const c = await typist.ok('startCall', {});
    await typist.ok('voidCall', { id: c.id, reason: said });

    // People, measures, the policy, a notification.
    await typist.ok('saveUser', { name: `王芳${number}`, role: 'team_lead' });
    await typist.ok('saveMeasure', { problem: said, rootCause: said, measure: said, owner: said, deadline: '2024-06-30', startDate: '2024-05-21', metric: 'responseCompliance' });
    const { policy } = await typist.ok<{ policy: { priorities: Array<{ label: { zh: string } }>; resolutionRateTargets: Record<string, number> } }>('getPolicy', {});
    const labelled = structuredClone(policy);
    labelled.priorities[0]!.label.zh = said;
    expect(await typist.refused('savePolicy', { policy: labelled })).toBe('invalid_policy');
    const keyed = structuredClone(policy);
    keyed.resolutionRateTargets[said] = 90;
    expect(await typist.refused('savePolicy', { policy: keyed })).toBe('invalid_policy');
    await typist.ok('notify', { title: said, body: `CS20240520001 ${said}` });

    // The disk fills up while the number is being saved: the log says so, without it.
    const pages = desk.store.sqlite.pragma('page_count', { simple: true }) as number;
    desk.store.sqlite.pragma(`max_page_count = ${pages}`);
    expect(await typist.refused('updateCall', { id: a.id, patch: { remarks: said.repeat(400) } })).toBe('storage_failed');
    desk.store.sqlite.pragma('max_page_count = 1073741823');
    expect(logLines.some((l) => l.includes('updateCall failed (SQLITE_FULL'))).toBe(true);

    // Every text field of every request, once more with the number, whatever comes of it.
    const s = await typist.ok('startCall', {});
    const base = baseRequests(s.id);
    for (const field of TEXT_FIELDS) {
      const [method, ...rest] = field.split('.') as [MethodName, ...string[]];
      const result = await typist.send(method, withField(base[method], rest.join('.'), number));
      if (result.ok && method === 'startExport') await waitForExport(typist, result.value as ExportJob);
    }
    expect(typist.untyped()).toEqual([]);

    // The exports the Review screen makes, and a backup.
    const exported: Record<string, string> = {};
    for (const format of ['xlsx', 'csv']) {
      const done = await waitForExport(typist, await typist.ok<ExportJob>('startExport', { from: '2024-05-01', to: '2024-05-31', format }));
      expect(done).toMatchObject({ state: 'done', rows: 3 });
      exported[format] = path.relative(dir, done.savedTo!);
    }
    await backupIntoFolder(desk.store.sqlite, { dbFile: desk.store.file, dir: path.join(dir, 'backups'), now: clock.ms });

    // A file holding the full number in every column, imported into a second desk.
    const outside = tempDir('hotline-privacy-input-');
    cleanups.push(outside.remove);
    const input = path.join(outside.dir, 'from-another-desk.csv');
    fileHoldingTheNumber(path.join(dir, exported.csv!), number, input);
    const second = await openDesk(dir, 'imported.db', clock, input);
    const importer = new Typist(second.ctx, number);
    await importer.ok('setupDesk', { code: 'A03', timeZone: 'Asia/Shanghai', agentName: '陈静' });
    expect(await importer.ok('importArchive', {})).toMatchObject({ imported: 3, problemCount: 0 });

    // Scan while open (the -wal holds the latest pages), then after a clean close.
    fs.writeFileSync(path.join(dir, 'log.txt'), logLines.join('\n'));
    const whileOpen = scanFolder(dir);
    await desk.close();
    await second.close();
    fs.writeFileSync(path.join(dir, 'log.txt'), logLines.join('\n'));
    const closed = scanFolder(dir);

    expect(whileOpen.leaks).toEqual([]);
    expect(closed.leaks).toEqual([]);
    const names = [...whileOpen.scanned.keys()];
    expect(names).toEqual(expect.arrayContaining(['hotline.db', 'hotline.db-wal', 'hotline.db-shm', 'imported.db', 'notifications.txt', 'log.txt']));
    // What was kept is where it should be: the last four digits, masked in free text.
    const holding = (name: string | undefined, text: string) => expect(name && closed.scanned.get(name), `${name} holds ${text}`).toContain(text);
    holding('hotline.db', '****8000');
    holding('imported.db', '****8000');
    holding('notifications.txt', 'CS20240520001 客户****8000要求回电');
    holding(names.find((n) => n.startsWith('backups/') && n.endsWith('.db')), '****8000');
    holding(exported.csv, ',8000,');
    holding(`${exported.xlsx}!xl/worksheets/sheet1.xml`, '****8000');
    holding(`${exported.xlsx}!xl/worksheets/sheet2.xml`, '客户****8000要求回电');
    holding('log.txt', 'SQLITE_FULL');
    // The phone column itself holds exactly four digits on every record.
    const check = (await openStoreSafely(path.join(dir, 'imported.db'))).store;
    cleanups.push(() => check.close());
    expect(check.sqlite.prepare('SELECT DISTINCT phone_last4 FROM calls').pluck().all()).toEqual(['8000']);
  });
});

describe('the phone column', () => {
  let store: Store;
  beforeEach(async () => {
    const tmp = tempDir('hotline-privacy-');
    cleanups.push(tmp.remove);
    store = (await openStoreSafely(path.join(tmp.dir, 'hotline.db'))).store;
    cleanups.push(() => store.close());
  });

  const insert = (phone: string) =>
    store.sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, phone_last4)
         VALUES ('A03', 'CS20240520' || (SELECT printf('%03d', count(*) + 1) FROM calls), '2024-05-20', 'Asia/Shanghai', '李娜', 1, 1, 1, ?)`,
      )
      .run(phone);

  it.each(['13800138000', '8613800138000', '１３８００１３８０００', '800', '80000', '800a', '８０００', ' 8000', ''])(
    'refuses %j, even from SQL that bypasses the app',
    (phone) => {
      expect(() => insert(phone)).toThrow(/CHECK constraint failed: phone_last4/);
      expect(store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    },
  );

  it('keeps four digits, or nothing', () => {
    insert('8000');
    store.sqlite.prepare('INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1, 1)').run('A03', 'CS20240520999', '2024-05-20', 'Asia/Shanghai', '李娜');
    expect(store.sqlite.prepare('SELECT phone_last4 FROM calls ORDER BY id').pluck().all()).toEqual(['8000', null]);
    expect(() => store.sqlite.prepare("UPDATE calls SET phone_last4 = '13800138000'").run()).toThrow(/CHECK constraint failed/);
    expect(store.sqlite.prepare('SELECT phone_last4 FROM calls ORDER BY id').pluck().all()).toEqual(['8000', null]);
  });
});
