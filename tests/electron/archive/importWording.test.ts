import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { ArchiveFileError } from '../../../electron/archive/types';
import { translate } from '../../../shared/i18n';
import { importLayoutLabel, importReasonText } from '../../../shared/i18n/importReasons';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/** Trial 10, findings 11, 13 and 15: what the report says, as a new user reads it. */

const SEEDS = path.resolve('tests/fixtures/seeds');
const tmp = tempDir('hotline-wording-');
const NOW = Date.UTC(2024, 5, 1, 4, 0);
afterAll(() => tmp.remove());
const write = (name: string, text: string) => {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const importFile = async (file: string) => {
  const desk = await openTestDesk({ file: path.join(tmp.dir, `d-${Math.random().toString(36).slice(2)}.db`) });
  try {
    return await importArchive(desk.store.db, { file, actor: '张主管', now: NOW, deskCode: 'A03', timeZone: 'Asia/Shanghai', dryRun: true });
  } finally {
    await desk.close();
  }
};

describe('an unrecognised header row', () => {
  it('names the closest layout and the column it lacks, in words without nested brackets', async () => {
    const seed = fs.readFileSync(path.join(SEEDS, 'seed004-response.csv'), 'utf8').replace('接收时间', '收到');
    const error = await importFile(write('no-call.csv', seed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveFileError);
    const { code, params } = error as ArchiveFileError;
    expect({ code, params }).toEqual({ code: 'no_header_closest', params: { layout: 'response', missing: '接收时间' } });
    const zh = importReasonText('zh', { code: code!, params });
    expect(zh).toBe('表头最接近响应记录表（模板 004），但缺少：接收时间');
    expect(translate('zh', 'error.file_unreadable', { message: zh })).not.toMatch(/（[^）]*（/);
    expect(importReasonText('en', { code: code!, params })).toBe('the header row comes closest to the Response record sheet (template 004) layout, but it lacks 接收时间');
  });
});

describe('a phone cell', () => {
  it('with more than 11 digits, or more than a number, keeps its last four with a note', async () => {
    const seed = fs.readFileSync(path.join(SEEDS, 'seed004-response.csv'), 'utf8').replace('XXXX', '1381234567890');
    const report = await importFile(write('phone13.csv', seed));
    expect(report.preview[0]!.phoneLast4).toBe('7890');
    const note = report.notes.find((n) => n.code === 'phone_too_many_digits')!;
    expect(note).toMatchObject({ row: 2, column: '联系方式', params: { digits: 13 } });
    // The note quotes the cell masked, as every report does.
    expect(importReasonText('zh', note)).toBe('“****7890”有 13 位数字，多于电话号码的 11 位：只保留后四位，请确认这是联系电话');
    const mobile = await importFile(write('phone86.csv', seed.replace('1381234567890', '+86 138 1234 5678')));
    expect(mobile.notes.filter((n) => n.code.startsWith('phone_'))).toEqual([]);
    const odd = await importFile(write('phone-odd.csv', seed.replace('1381234567890', '订单5678')));
    expect(odd.notes.map((n) => n.code)).toContain('phone_not_number');
  });
});

describe('names and counts', () => {
  it('give each layout one name, without "seed"/"种子"', () => {
    for (const layout of ['archive', 'paper', 'tracking', 'response'] as const) {
      expect(importLayoutLabel('zh', layout)).not.toMatch(/种子/);
      expect(importLayoutLabel('en', layout)).not.toMatch(/seed/i);
    }
    expect(importLayoutLabel('zh', 'tracking')).toBe('跟踪表（模板 000）');
    expect(translate('zh', 'importCheck.layout', { layout: importLayoutLabel('zh', 'tracking') })).toContain('跟踪表（模板 000）');
  });

  it('read singular for one in English: "1 problem", "1 step", "1 record row"', () => {
    expect(translate('en', 'importCheck.problems', { n: 1 })).toBe('1 problem: nothing can be imported until it is fixed.');
    expect(translate('en', 'importCheck.problems', { n: 3 })).toBe('3 problems: nothing can be imported until they are fixed.');
    expect(translate('en', 'archive.imported', { n: 1, steps: 1, file: 'a.csv', skipped: 2 })).toBe('Imported 1 record with 1 step from a.csv; 2 already here were left as they were.');
    expect(translate('en', 'importCheck.counts', { rows: 1, n: 0, skipped: 1 })).toBe('1 record row: 0 would be added, 1 is already here.');
    expect(translate('zh', 'importCheck.counts', { rows: 1, n: 0, skipped: 1 })).not.toContain('|');
  });
});
