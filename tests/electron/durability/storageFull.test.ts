import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/handlers/dispatch';
import { handlers } from '../../../electron/handlers';
import type { CallRecord } from '../../../shared/api/records';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 6: "A full disk or a read-only folder: saving fails with a clear
 * message, the form keeps what was typed, and the retry succeeds once there is
 * room." Through the real dispatcher, on a real file. The disk fills up for
 * real as far as SQLite can tell: `PRAGMA max_page_count` makes every write
 * past the limit fail with SQLITE_FULL, exactly as a full disk does; and
 * `PRAGMA query_only` makes SQLite refuse every write with SQLITE_READONLY, as
 * a database it could only open read-only does (chmod cannot do that here: the
 * tests run as root). The browser end of it, on a really full file system, is
 * tests/e2e/storageFull.spec.ts.
 */
let desk: TestDesk;
let logged: string[];
beforeEach(async () => {
  desk = await openTestDesk();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await desk.close();
});

const pragma = (sql: string) => desk.store.sqlite.pragma(sql, { simple: true }) as number | string;
const auditRows = () => desk.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

/** Logs calls as an agent does until the store refuses one; returns every record it acknowledged, as acknowledged. */
async function fillUp(): Promise<{ saved: CallRecord[]; refused: { code: string; message: string } }> {
  const saved: CallRecord[] = [];
  for (let i = 0; i < 500; i++) {
    const started = await desk.call('startCall', {});
    if (!started.ok) return { saved, refused: started.error };
    const updated = await desk.call('updateCall', { id: started.value.id, patch: { remarks: `第${i}个电话：${'客户反映订单物流异常，已核实地址。'.repeat(30)}` } });
    saved.push(updated.ok ? updated.value : started.value);
    if (!updated.ok) return { saved, refused: updated.error };
  }
  throw new Error('the database never filled up');
}

async function expectAllThere(saved: CallRecord[]): Promise<void> {
  for (const record of saved) expect(await desk.ok('getCall', { id: record.id })).toEqual(record);
  expect(desk.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(saved.length);
  expect(pragma('integrity_check')).toBe('ok');
}

describe('a full disk', () => {
  it('refuses the save with a clear message, loses nothing saved, and the same save succeeds once there is room', async () => {
    // A few pages of room left, then fill them the way a desk does.
    pragma(`max_page_count = ${Number(pragma('page_count')) + 40}`);
    const { saved, refused } = await fillUp();
    expect(saved.length).toBeGreaterThan(3);
    expect(refused).toEqual({ code: 'storage_failed', message: 'Not saved: the disk is full. What you typed is kept; try again.' });
    await expectAllThere(saved);

    // What the agent typed into the open record, saved when the field is left.
    const open = saved.at(-1)!;
    const typed = { id: open.id, patch: { remarks: `王女士回电：${'需要上门检修，预约明天上午十点。'.repeat(40)}` } };
    const audits = auditRows();
    const failed = await desk.call('updateCall', typed);
    expect(failed).toEqual({ ok: false, error: { code: 'storage_failed', message: 'Not saved: the disk is full. What you typed is kept; try again.' } });
    expect(await desk.ok('getCall', { id: open.id })).toEqual(open);
    expect(auditRows()).toBe(audits);
    await expectAllThere(saved);
    // The log names the failure, not what was typed.
    expect(logged.at(-1)).toBe('hotline: updateCall failed (SQLITE_FULL: database or disk is full)');

    // Room is made; the very same request is sent again.
    pragma('max_page_count = 1073741823');
    const retried = await desk.call('updateCall', typed);
    expect(retried.ok && retried.value.remarks).toBe(typed.patch.remarks);
    expect(auditRows()).toBe(audits + 1);
    expect((await desk.ok('startCall', {})).recordNo).toMatch(/^CS20240520\d{3}$/);

    // And it is all on disk: closed and opened again.
    await desk.store.close();
    const again = await openTestDesk({ file: desk.file, setup: false });
    const afterReopen = await again.ok('getCall', { id: open.id });
    expect(afterReopen.remarks).toBe(typed.patch.remarks);
    for (const record of saved.slice(0, -1)) expect((await again.ok('getCall', { id: record.id })).remarks).toBe(record.remarks);
    await again.store.close();
  });
});

describe('a read-only database', () => {
  it('refuses every kind of save with a clear message, changes nothing, and the same saves succeed once it is writable', async () => {
    const first = await desk.ok('startCall', {});
    await desk.ok('updateCall', { id: first.id, patch: { salutation: '王女士', remarks: '已核实地址' } });
    const before = await desk.ok('getCall', { id: first.id });
    const audits = auditRows();

    pragma('query_only = ON');
    const attempts = [
      ['updateCall', { id: first.id, patch: { remarks: '客户要求明天回电' } }],
      ['addStep', { id: first.id, text: '查询物流' }],
      ['answerCall', { id: first.id }],
      ['startCall', {}],
    ] as const;
    for (const [method, request] of attempts) {
      const result = await dispatch(method, request, desk.ctx);
      expect(result).toEqual({ ok: false, error: { code: 'storage_failed', message: 'Not saved: the database folder is read-only. What you typed is kept; try again.' } });
    }
    expect(await desk.ok('getCall', { id: first.id })).toEqual(before);
    expect(auditRows()).toBe(audits);
    expect(logged.every((line) => line.includes('SQLITE_READONLY') && !line.includes('客户'))).toBe(true);

    pragma('query_only = OFF');
    for (const [method, request] of attempts) expect((await dispatch(method, request, desk.ctx)).ok).toBe(true);
    const after = await desk.ok('getCall', { id: first.id });
    expect(after.remarks).toBe('客户要求明天回电');
    expect(after.steps.map((s) => s.text)).toEqual(['查询物流']);
    expect(after.answeredAt).not.toBeNull();
  });
});

describe('the message a person reads for each storage failure', () => {
  const failing = (code: string) => ({ ...handlers, addStep: () => Promise.reject(Object.assign(new Error('x'), { code })) });
  it.each([
    ['SQLITE_FULL', 'the disk is full'],
    ['SQLITE_READONLY', 'the database folder is read-only'],
    ['SQLITE_READONLY_DBMOVED', 'the database folder is read-only'],
    ['SQLITE_CANTOPEN', 'the database folder is read-only'],
    ['SQLITE_IOERR_WRITE', 'the disk could not be written (SQLITE_IOERR_WRITE)'],
  ])('%s: %s', async (code, why) => {
    const result = await dispatch('addStep', { id: 1, text: 'x' }, desk.ctx, failing(code));
    expect(result).toEqual({ ok: false, error: { code: 'storage_failed', message: `Not saved: ${why}. What you typed is kept; try again.` } });
  });

  it('SQLITE_BUSY: the click is answered store_busy, which the page sends again at the click’s own instant', async () => {
    const result = await dispatch('addStep', { id: 1, text: 'x' }, desk.ctx, failing('SQLITE_BUSY'));
    expect(result).toEqual({ ok: false, error: { code: 'store_busy', message: 'Not saved yet: the database is busy with other work. Send the same request again.' } });
  });
});
