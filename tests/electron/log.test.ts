import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/handlers/dispatch';
import { handlers } from '../../electron/handlers';
import { describeError, log } from '../../electron/log';
import { openTestDesk, type TestDesk } from '../helpers/tempStore';

/** Issue 6: "Logs never contain record text and mask long digit runs." */
let lines: string[];
beforeEach(() => {
  lines = [];
  for (const method of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

describe('log', () => {
  it('masks phone- and ID-like digit runs in every line, and keeps record numbers and dates readable', () => {
    log.info('Backup written: /data/13800138000/hotline-2024-05-20T06-15-00-123Z.db (12 KiB, checked)');
    log.warn('share at /mnt/１３８００１３８０００ for CS20240520001');
    log.error('moved aside: /srv/+86 138-0013-8000/hotline.db');
    expect(lines).toEqual([
      'Backup written: /data/****8000/hotline-2024-05-20T06-15-00-123Z.db (12 KiB, checked)',
      'share at /mnt/****8000 for CS20240520001',
      'moved aside: /srv/****8000/hotline.db',
    ]);
  });
});

describe('describeError', () => {
  it("gives SQLite's code and message, which never hold bound values", () => {
    const error = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(describeError(error)).toBe('SQLITE_FULL: database or disk is full');
  });

  it('leaves out any other message, which may quote what was typed, but says what and where', () => {
    let error: unknown;
    try {
      JSON.parse('王女士 回电 13800138000');
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toContain('王女士');
    const described = describeError(error);
    expect(described).toMatch(/^SyntaxError at /);
    expect(described).not.toContain('王女士');
    expect(described).not.toContain('13800138000');
    expect(describeError('a thrown string with 王女士')).toBe('string');
  });
});

describe('the dispatcher log', () => {
  let desk: TestDesk;
  beforeEach(async () => {
    desk = await openTestDesk();
  });
  afterEach(async () => {
    await desk.close();
  });

  it('names the method and the failure, never the record text, when a handler throws on it', async () => {
    const table = {
      ...handlers,
      updateCall: () => Promise.resolve(JSON.parse('王女士 回电 13800138000') as never),
    };
    const { id } = await desk.ok('startCall', {});
    const result = await dispatch('updateCall', { id, patch: { remarks: '王女士 回电 13800138000' } }, desk.ctx, table);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hotline: updateCall failed \(SyntaxError at /);
    expect(lines[0]).not.toContain('王女士');
    expect(lines[0]).not.toMatch(/138\D?0013\D?8000/);
  });

  it('logs a real SQLite failure with its code, and nothing of the request', async () => {
    const { id } = await desk.ok('startCall', {});
    // The database refuses a phone column that is not four digits; here a handler writes one past the app's own check.
    const table = {
      ...handlers,
      updateCall: async () => {
        await desk.store.db.updateTable('calls').set({ phone_last4: '13800138000', remarks: '王女士' }).where('id', '=', id).execute();
        return desk.ok('getCall', { id });
      },
    };
    const result = await dispatch('updateCall', { id, patch: { phone: '13800138000', remarks: '王女士' } }, desk.ctx, table);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('hotline: updateCall failed (SQLITE_CONSTRAINT_CHECK: CHECK constraint failed');
    expect(lines[0]).not.toContain('王女士');
    expect(lines[0]).not.toContain('13800138000');
    expect((await desk.ok('getCall', { id })).phoneLast4).toBeNull();
  });
});
