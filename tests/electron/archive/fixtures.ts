import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { callAtStage } from '../../helpers/callAtStage';
import { openDeskWithRecords } from '../../helpers/deskWithRecords';
import { SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

const run = promisify(execFile);
const DAY = 24 * 3_600_000;
export const FORMULA = '=HYPERLINK("http://example.com","x")';

/** What openpyxl (Debian's python3-openpyxl, an independent reader) sees in an .xlsx. */
export interface XlsxCell {
  /** 's' string, 'n' number, 'd' date-time, 'f' formula, 'b' boolean. */
  t: string;
  v: string | number | boolean | null;
  f: string;
}
export interface XlsxSheet {
  name: string;
  freeze: string | null;
  autofilter: string | null;
  maxRow: number;
  widths: Record<string, number>;
  rows: XlsxCell[][];
}

export async function readXlsx(file: string, maxRows = 200): Promise<XlsxSheet[]> {
  const script = path.resolve('tests/electron/archive/read_xlsx.py');
  const { stdout } = await run('/usr/bin/python3', [script, file, String(maxRows)], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(stdout) as { sheets: XlsxSheet[] }).sheets;
}

/** A sheet's rows as objects keyed by its header row (the first row). */
export function rowsByHeader(sheet: XlsxSheet): Array<Record<string, XlsxCell>> {
  const [header, ...rows] = sheet.rows;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h.v), r[i]!])));
}

/**
 * A desk with the kinds of record the archive must carry, logged through the
 * real handlers on 20 and 21 May 2024 (Shanghai):
 * 1. CS20240520001: the seed's first row — answered in 2 min, two steps, resolved, closed, satisfied.
 * 2. CS20240520002: urgent, answered after 20 min (response missed, with a reason), transferred twice,
 *    in progress with a follow-up; its call reason is a formula.
 * 3. CS20240520003: urgent, never answered (the response target breached by the time of export).
 * 4. CS20240521001: important complaint, resolved, unsatisfied, closed and called back.
 */
export async function deskWithRecords(options: { file?: string } = {}): Promise<TestDesk> {
  const desk = await openDeskWithRecords(options.file ? { file: options.file } : {});
  const one = await callAtStage(desk, 'answered', {
    fields: { salutation: '王女士', phone: '138 0013 8000', reason: '订单物流异常', category: 'order', priority: 'important', customerType: 'vip', requestType: 'consultation' },
    answerAfter: 2,
  });
  desk.clock.advance(3);
  await desk.ok('addStep', { id: one.id, text: '查询订单号，显示已签收' });
  desk.clock.advance(4);
  await desk.ok('addStep', { id: one.id, text: '协调物流更正地址，客户确认无误' });
  await desk.ok('setResult', { id: one.id, result: 'resolved' });
  await desk.ok('updateCall', { id: one.id, patch: { feedback: 'satisfied', scoreSpeed: 5, scoreProfessionalism: 4, scoreResolution: 5, handler: '客服张主管' } });
  desk.clock.advance(1);
  await desk.ok('closeCall', { id: one.id });

  const two = await callAtStage(desk, 'breached', {
    startAt: SEED_MORNING + 75 * 60_000, // 15:30
    fields: { salutation: '赵先生', phone: '5678', reason: FORMULA, category: 'product', priority: 'urgent', remarks: '+需明日回访' },
    answerAfter: 20,
    missReason: { code: 'overload', text: '当班只有两人' },
    transfer: { to: '技术部', after: 5, answeredAfter: 5 },
  });
  desk.clock.advance(10);
  await desk.ok('transferCall', { id: two.id, to: '售后部' });
  desk.clock.advance(3);
  await desk.ok('answerTransfer', { id: two.id });
  await desk.ok('addStep', { id: two.id, text: '远程指导客户检查电源连接' });
  await desk.ok('setResult', { id: two.id, result: 'in_progress', followUpDue: '2024-05-21 12:00', followUpOwner: '技术王工' });

  await callAtStage(desk, 'started', {
    startAt: SEED_MORNING + 150 * 60_000, // 16:45
    fields: { salutation: '李女士', reason: '投诉服务态度', category: 'service', priority: 'urgent' },
  });

  const four = await callAtStage(desk, 'answered', {
    startAt: SEED_MORNING + DAY, // 21 May 14:15
    fields: { salutation: '孙先生', reason: '退款进度查询', category: 'service', priority: 'important', requestType: 'complaint', customerType: 'regular' },
    answerAfter: 4,
  });
  desk.clock.advance(6);
  await desk.ok('setResult', { id: four.id, result: 'resolved' });
  await desk.ok('updateCall', { id: four.id, patch: { feedback: 'unsatisfied', feedbackReason: '退款太慢', scoreSpeed: 2 } });
  await desk.ok('closeCall', { id: four.id });
  desk.clock.advance(60);
  await desk.ok('completeFollowUp', { id: four.id, kind: 'callback', outcome: '已回访，客户接受' });
  desk.clock.ms = SEED_MORNING + 2 * DAY;
  return desk;
}

export const RANGE = { from: '2024-05-20', to: '2024-05-21' } as const;
