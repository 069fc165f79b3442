import type { ArchiveLang } from './types';

/**
 * The records sheet's columns, in order: the hotline record sheet's 17 columns
 * (seed 003, SPEC "The call record"), then seed 000's tracking columns, then
 * the rest of the record. Headers are the seed's own wording; import reads
 * either language and the listed aliases (the paper sheet's spellings).
 */

export type CellFormat = 'text' | 'wrap' | 'date' | 'datetime' | 'minutes' | 'integer' | 'decimal';

export interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  width: number;
  format: CellFormat;
  aliases?: readonly string[];
  /** Worked out from other columns; read back only as a check, never stored. */
  derived?: boolean;
}

const col = <K extends string>(key: K, zh: string, en: string, width: number, format: CellFormat, extra: Partial<ColumnDef> = {}): ColumnDef & { key: K } => ({
  ...extra,
  key,
  zh,
  en,
  width,
  format,
});

export const RECORD_COLUMNS = [
  // The hotline record sheet (seed 003), in its column order.
  col('recordNo', '记录编号', 'Record no.', 16, 'text', { aliases: ['编号'] }),
  col('date', '日期', 'Date', 11, 'date'),
  col('callAt', '来电时间', 'Call time', 17, 'datetime', { aliases: ['提交时间'] }),
  col('answeredAt', '首次接听时间', 'First answer time', 17, 'datetime', { aliases: ['首次响应时间'] }),
  col('responseMin', '响应时长(分钟)', 'Response (min)', 9, 'minutes', { derived: true, aliases: ['等待时长(分钟)'] }),
  col('salutation', '客户称呼', 'Salutation', 10, 'text'),
  col('phone', '联系方式(后四位)', 'Phone (last 4)', 9, 'text', { aliases: ['联系方式', '联系方式(仅保留后四位)', 'Phone'] }),
  col('reason', '来电事由', 'Call reason', 22, 'text'),
  col('category', '问题分类', 'Category', 10, 'text'),
  col('transferTo', '转接后负责人', 'Transferred to', 14, 'wrap'),
  col('transferAt', '转接时间', 'Transfer time', 17, 'datetime'),
  col('secondResponseMin', '二次响应时长(分钟)', 'Second response (min)', 9, 'minutes'),
  col('handler', '处理负责人', 'Handler', 12, 'text'),
  col('steps', '处理步骤', 'Handling steps', 48, 'wrap', { aliases: ['处理步骤(可分条记录)'] }),
  col('result', '处理结果', 'Result', 16, 'text'),
  col('feedback', '客户反馈', 'Customer feedback', 12, 'text', { aliases: ['客户反馈(满意度/备注)', 'Feedback'] }),
  col('remarks', '备注', 'Remarks', 24, 'wrap'),
  // Seed 000's tracking columns.
  col('actualResponseMin', '实际响应时长(分钟)', 'Actual response (min)', 9, 'minutes', { derived: true }),
  col('actualResolutionMin', '实际解决时长(分钟)', 'Actual resolution (min)', 9, 'minutes', { derived: true }),
  col('responseMet', '响应时间是否达标', 'Response target met?', 10, 'text', { derived: true }),
  col('resolutionMet', '解决率是否达标', 'Resolution target met?', 10, 'text', { derived: true }),
  col('missReasons', '未达标原因', 'Miss reasons', 30, 'wrap', { aliases: ['备注(未达标原因)'] }),
  // The rest of the record.
  col('deskCode', '坐席代码', 'Desk code', 8, 'text', { aliases: ['坐席'] }),
  col('agent', '客服', 'Agent', 10, 'text', { aliases: ['客服专员'] }),
  col('customerType', '客户类型', 'Customer type', 10, 'text'),
  col('requestType', '需求类型', 'Request type', 10, 'text'),
  col('priority', '优先级', 'Priority', 8, 'text'),
  col('scoreSpeed', '响应速度评分', 'Response speed score', 8, 'integer'),
  col('scoreProfessionalism', '专业度评分', 'Professionalism score', 8, 'integer'),
  col('scoreResolution', '问题解决评分', 'Resolution score', 8, 'integer'),
  col('overallScore', '综合评分', 'Overall score', 8, 'decimal', { derived: true }),
  col('callbackDue', '回访截止时间', 'Callback due', 17, 'datetime', { derived: true }),
  col('callbackDone', '回访完成时间', 'Callback done', 17, 'datetime'),
  col('callbackBy', '回访人', 'Callback by', 10, 'text'),
  col('callbackOutcome', '回访结果', 'Callback outcome', 20, 'wrap'),
  // What the app keeps besides, so that an imported archive judges and counts as the original.
  col('transferAnsweredAt', '转接接听时间', 'Transfer answered', 17, 'datetime'),
  col('resolvedAt', '解决时间', 'Resolved at', 17, 'datetime'),
  col('resultToldAt', '告知结果时间', 'Result told at', 17, 'datetime'),
  col('closedAt', '结束时间', 'Closed at', 17, 'datetime'),
  col('followUpDue', '跟进截止时间', 'Follow-up due', 17, 'datetime'),
  col('followUpOwner', '跟进负责人', 'Follow-up owner', 12, 'text'),
  col('resultNote', '解释说明', 'Explanation', 24, 'wrap'),
  col('feedbackReason', '不满意原因', 'Why unsatisfied', 20, 'wrap'),
  col('leadFollowUpDone', '主管跟进完成时间', 'Team-lead follow-up done', 17, 'datetime'),
  col('leadFollowUpBy', '主管跟进人', 'Team-lead follow-up by', 10, 'text'),
  col('leadFollowUpOutcome', '主管跟进结果', 'Team-lead follow-up outcome', 20, 'wrap'),
  col('timeZone', '时区', 'Time zone', 14, 'text'),
  // The record's number in the sheet it was imported from (TECH20240501001, 20231027001): the re-import key.
  col('sourceRef', '来源编号', 'Source ref.', 16, 'text'),
  // Targets the sheet it was imported from could not record (judged n/a): kept, so a copy judges it alike.
  col('untrackedTargets', '不跟踪的目标', 'Targets not tracked', 18, 'text'),
] as const satisfies readonly ColumnDef[];

export type RecordColumnKey = (typeof RECORD_COLUMNS)[number]['key'];

/**
 * What a row may hold besides the export's columns: a seed layout's cell that
 * fills no column of its own (seed 000's 备注(未达标原因) as free text, naming no target).
 */
export type RowKey = RecordColumnKey | 'missReasonText';

/** The paper record sheet's columns (seed 003): a file with only these is read as a paper sheet. */
export const PAPER_COLUMN_COUNT = 17;

export const STEP_COLUMNS = [
  col('recordNo', '记录编号', 'Record no.', 16, 'text'),
  col('n', '序号', 'No.', 5, 'integer'),
  col('at', '时间', 'Time', 17, 'datetime'),
  col('author', '记录人', 'Author', 10, 'text'),
  col('text', '内容', 'Step', 60, 'wrap'),
  col('deskCode', '坐席代码', 'Desk code', 8, 'text'),
] as const satisfies readonly ColumnDef[];

export type StepColumnKey = (typeof STEP_COLUMNS)[number]['key'];

export const SHEET_NAMES: Record<ArchiveLang, { records: string; steps: string; summary: string }> = {
  zh: { records: '记录', steps: '处理步骤', summary: '汇总' },
  en: { records: 'Records', steps: 'Steps', summary: 'Summary' },
};

/** Excel number formats: times show to the minute (the cell keeps the exact instant). */
export const NUM_FMT: Partial<Record<CellFormat, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  minutes: '0.0',
  decimal: '0.0',
  integer: '0',
};

/**
 * A header as the importer compares it: NFKC (full-width brackets and letters
 * folded), no spaces, lower case.
 * @example headerKey('响应时长（分钟）') === headerKey('响应时长(分钟)')
 */
export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Header → column key for a set of columns, in both languages and every alias. */
export function headerIndex(columns: readonly ColumnDef[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of columns) {
    for (const h of [c.zh, c.en, ...(c.aliases ?? [])]) index.set(headerKey(h), c.key);
  }
  return index;
}
