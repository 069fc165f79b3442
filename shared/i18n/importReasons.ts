import { IMPORT_LAYOUTS, type ColumnUse, type ImportField, type ImportLayout, type ImportMoment, type ImportReasonCode, type ImportReasonParams } from '../api/archive';
import { DICTIONARIES, fillParams, type Lang, type MessageKey } from './index';

/**
 * The import report's reasons in both languages, one place for the CLI and the
 * screens: a code and its params in, a sentence out. {name} is filled from the
 * params; a param the text names but the item lacks stays as written.
 */

type Table = Record<ImportReasonCode, string>;

const EN: Table = {
  no_header: 'no sheet has a header row the importer knows: it needs 记录编号 and 来电时间, or the header of one of the templates 000, 003 and 004',
  no_header_closest: 'the header row comes closest to the {layout} layout, but it lacks {missing}',
  no_desk_code: 'no desk code: the file has no 坐席代码 column, so say which desk with --desk CODE',
  bad_desk_code: '"{value}" is not a desk code (1–12 letters, digits or hyphens)',
  desk_code_is_phone: 'a phone or ID number is not a desk code',
  no_zone: 'no time zone: the file has no 时区 column and this database has no desk to take it from; set the desk up or give the zone (--zone)',
  bad_zone: '"{value}" is not a time zone name (write it as Region/City, e.g. Asia/Shanghai)',
  record_no_missing: 'the record number is missing',
  record_no_bad: '"{value}" is not a record number (CS + YYYYMMDD + serial, e.g. CS20240520001)',
  record_no_date: "the record number's date {recordDate} is not the 日期 {date}",
  duplicate_in_file: '{ref} of desk {deskCode} appears twice (also row {otherRow})',
  record_no_taken: '{ref} is already another record on desk {deskCode} (called {otherAt}); this row, called {callAt}, is a different call: give it a free number or leave it out',
  record_no_taken_by_ref: '{ref} is already another record on desk {deskCode}: the row {otherRef} of an earlier import (called {otherAt}); this row, called {callAt}, is a different call: give it a free number or leave it out',
  source_ref_bad: '"{value}" is not a usable record reference (at most {max} characters, no line breaks)',
  not_a_date: '"{value}" is not a date (write it YYYY-MM-DD)',
  not_real_date: 'not a real date',
  not_a_time: '"{value}" is not a time (write HH:MM or YYYY-MM-DD HH:MM)',
  not_time_of_day: '"{value}" is not a time of day',
  time_needs_date: 'a time of day needs the 日期 (date) column',
  time_in_gap: '{time} does not exist in {zone} (the clocks changed)',
  time_in_future: 'this time is in the future',
  call_time_missing: 'the call time is missing',
  call_not_on_date: 'the call time is on {callDate}, not on the 日期 {date}',
  answered_before_call: 'the call was answered before it came in',
  closed_unanswered: 'a call that was never answered cannot be closed',
  closed_before_answer: 'the call was closed before it was answered',
  resolved_before_call: 'resolved before the call came in',
  told_before_resolved: 'the result was told before it was resolved',
  callback_before_call: 'the callback is before the call',
  follow_up_before_call: 'the follow-up is before the call',
  transfer_counts: '{owners} transfer owner(s) but {times} transfer time(s)',
  transfer_no_owner: 'transfer {n} has no owner',
  transfer_no_time: 'transfer {n} has no time',
  transfer_unanswered_call: 'a call is transferred only after it was answered',
  transfer_out_of_order: 'transfer {n} is before the moment logged before it',
  transfer_answered_before: 'transfer {n} was answered before it was made',
  unknown_value: '"{value}" is not one of the known values',
  unknown_priority: '"{value}" is not a priority of the policy in force then ({levels})',
  too_few_digits: '"{value}" has fewer than four digits',
  too_long: 'longer than {max} characters',
  not_minutes: '"{value}" is not a number of minutes',
  not_duration: '"{value}" is not a duration (e.g. 12分钟, 1小时5分钟, 27小时45分钟)',
  not_verdict: '"{value}" is not a verdict (是 / 否, e.g. 是(≤15分钟))',
  not_score: '"{value}" is not a score from 1 to 5',
  miss_reason_bad: '"{value}" is not "target: reason" (e.g. 响应：同时接待量超负荷)',
  miss_reason_twice: 'two reasons for the same target ({value})',
  feedback_bad: '"{value}" is not a customer feedback (满意 / 基本满意 / 不满意)',
  step_no_bad: '"{value}" is not a step number',
  step_twice: 'step {n} of {recordNo} appears twice',
  step_time_missing: 'the step time is missing',
  step_before_call: 'the step is before the call came in',
  step_empty: 'the step is empty',
  step_record_unknown: '{recordNo} is not in the records sheet',
  derived_disagrees: 'the file said {file}, the policy in force says {computed}',
  duration_disagrees: 'the file said {file}, worked out from the times it is {computed}',
  score_disagrees: 'the file said {file}, worked out from the three scores it is {computed}',
  priority_from_threshold: '{count|# row took its|# rows took their} priority from the threshold in {column}, as the level with that response target: {thresholdsEn}',
  priority_defaulted: 'no priority in the file: the policy’s default {priorityEn} was used',
  no_agent: 'no agent or handler given: the record has no agent (shown as "not filled in"), not the person importing',
  phone_no_digits: '"{value}" has no digits: the phone is stored empty',
  phone_too_many_digits: '"{value}" has {digits} digits, more than a phone number’s 11: only the last four are kept, check that this is the phone',
  phone_not_number: '"{value}" is not only a phone number: only its last four digits are kept, check that this is the phone',
  in_progress_no_due: 'in progress without a follow-up due time: a team lead should set one',
  result_open_for_lead: 'no feedback time: the result is left open for a team lead to set',
  classification_disagrees: 'the file’s classification {value} disagrees with the record’s {field} {expected}',
  callback_no_time: 'the callback has no time ("{value}"): kept as its outcome only',
  reason_shortened: 'longer than {max} characters: the call reason keeps the start, the remarks the whole text',
  miss_reason_text: 'the file’s reason "{value}" is kept as the remarks (its target is not named)',
  zone_not_desk: 'times are read in {zone}, not in this desk’s zone {deskZone}: check that this is right',
  zone_no_desk: 'times are read in {zone} (--zone); this database has no desk yet whose zone it could be compared with: check that this is right',
  columns_not_read: 'not read: {columns}',
  columns_checked: 'checked, not stored: {columns}',
  targets_not_tracked: 'not tracked (the sheet has no column to record them): {targets}. These targets are not judged for the imported records: never due, overdue or missed',
};

const ZH: Table = {
  no_header: '没有工作表含有可识别的表头行：需有“记录编号”和“来电时间”，或模板 000、003、004 之一的表头',
  no_header_closest: '表头最接近{layout}，但缺少：{missing}',
  no_desk_code: '缺少坐席代码：文件没有“坐席代码”列，请用 --desk CODE 指明坐席',
  bad_desk_code: '“{value}”不是坐席代码（1–12 位字母、数字或连字符）',
  desk_code_is_phone: '电话号码或证件号不能作坐席代码',
  no_zone: '缺少时区：文件没有“时区”列，数据库中也没有坐席可取；请先设置坐席或给出时区（--zone）',
  bad_zone: '“{value}”不是时区名称（请写作“地区/城市”，如 Asia/Shanghai）',
  record_no_missing: '缺少记录编号',
  record_no_bad: '“{value}”不是记录编号（CS + 年月日 + 流水号，如 CS20240520001）',
  record_no_date: '记录编号中的日期 {recordDate} 与日期 {date} 不符',
  duplicate_in_file: '坐席 {deskCode} 的 {ref} 出现两次（另见第 {otherRow} 行）',
  record_no_taken: '坐席 {deskCode} 已有另一条记录使用 {ref}（来电 {otherAt}），本行来电 {callAt}，是另一通来电：请改用未用过的编号，或删去本行',
  record_no_taken_by_ref: '坐席 {deskCode} 的 {ref} 已给了之前导入的 {otherRef}（来电 {otherAt}），本行来电 {callAt}，是另一通来电：请改用未用过的编号，或删去本行',
  source_ref_bad: '“{value}”不能作来源编号（最多 {max} 个字符，不能换行）',
  not_a_date: '“{value}”不是日期（请写作 YYYY-MM-DD）',
  not_real_date: '不是有效日期',
  not_a_time: '“{value}”不是时间（请写作 HH:MM 或 YYYY-MM-DD HH:MM）',
  not_time_of_day: '“{value}”不是一天中的时间',
  time_needs_date: '只有时刻时需要“日期”列',
  time_in_gap: '{time} 在 {zone} 不存在（时钟调整）',
  time_in_future: '该时间在未来',
  call_time_missing: '缺少来电时间',
  call_not_on_date: '来电时间在 {callDate}，不在日期 {date}',
  answered_before_call: '接听早于来电',
  closed_unanswered: '未接听的来电不能结束',
  closed_before_answer: '结束早于接听',
  resolved_before_call: '解决早于来电',
  told_before_resolved: '告知结果早于解决',
  callback_before_call: '回访早于来电',
  follow_up_before_call: '主管跟进早于来电',
  transfer_counts: '转接后负责人 {owners} 个，转接时间 {times} 个',
  transfer_no_owner: '第 {n} 次转接没有负责人',
  transfer_no_time: '第 {n} 次转接没有时间',
  transfer_unanswered_call: '来电接听后才能转接',
  transfer_out_of_order: '第 {n} 次转接早于之前记录的时刻',
  transfer_answered_before: '第 {n} 次转接的接听早于转接',
  unknown_value: '“{value}”不是可选值之一',
  unknown_priority: '“{value}”不是当时生效策略中的优先级（{levels}）',
  too_few_digits: '“{value}”不足四位数字',
  too_long: '超过 {max} 个字符',
  not_minutes: '“{value}”不是分钟数',
  not_duration: '“{value}”不是时长（如 12分钟、1小时5分钟、27小时45分钟）',
  not_verdict: '“{value}”不是达标判定（是 / 否，如 是(≤15分钟)）',
  not_score: '“{value}”不是 1 到 5 的评分',
  miss_reason_bad: '“{value}”不是“目标：原因”格式（如 响应：同时接待量超负荷）',
  miss_reason_twice: '同一目标有两个原因（{value}）',
  feedback_bad: '“{value}”不是客户反馈（满意 / 基本满意 / 不满意）',
  step_no_bad: '“{value}”不是步骤序号',
  step_twice: '{recordNo} 的第 {n} 步出现两次',
  step_time_missing: '缺少步骤时间',
  step_before_call: '步骤早于来电',
  step_empty: '步骤为空',
  step_record_unknown: '记录表中没有 {recordNo}',
  derived_disagrees: '文件写的是 {file}，按当时生效的策略应为 {computed}',
  duration_disagrees: '文件写的是 {file}，按记录的时间算应为 {computed}',
  score_disagrees: '文件写的是 {file}，按三项评分算应为 {computed}',
  priority_from_threshold: '{count} 行的优先级取自“{column}”中的时限，即响应时限与之相同的级别：{thresholdsZh}',
  priority_defaulted: '文件没有优先级：采用策略的默认优先级“{priorityZh}”',
  no_agent: '没有填写客服或负责人：记录不计入任何客服（显示为“未填”），也不记在导入人名下',
  phone_no_digits: '“{value}”没有数字：联系方式留空',
  phone_too_many_digits: '“{value}”有 {digits} 位数字，多于电话号码的 11 位：只保留后四位，请确认这是联系电话',
  phone_not_number: '“{value}”不只是电话号码：只保留后四位数字，请确认这是联系电话',
  in_progress_no_due: '处理中但没有跟进截止时间：请主管补上',
  result_open_for_lead: '没有反馈时间：处理结果留待主管确定',
  classification_disagrees: '文件的分类判定结果 {value} 与记录的{field} {expected} 不符',
  callback_no_time: '回访情况没有时间（“{value}”）：只保存为回访结果',
  reason_shortened: '超过 {max} 个字符：来电事由保留开头，备注保存全文',
  miss_reason_text: '文件中的原因“{value}”未指明目标，已保存为备注',
  zone_not_desk: '时间按 {zone} 读取，而本坐席时区为 {deskZone}：请确认无误',
  zone_no_desk: '时间按 {zone} 读取（--zone）；数据库中还没有坐席可供核对时区：请确认无误',
  columns_not_read: '未读取的列：{columns}',
  columns_checked: '仅核对、不保存的列：{columns}',
  targets_not_tracked: '不跟踪的时效目标（文件没有可记录它们的列）：{targets}。导入的记录不按这些目标评判，不会显示待办、超时或未达标',
};

const TABLES: Record<Lang, Table> = { en: EN, zh: ZH };

/**
 * A problem's or note's reason in `lang`, from its code and params.
 * @example importReasonText('zh', { code: 'time_in_future', params: {} }) === '该时间在未来'
 */
export function importReasonText(lang: Lang, item: { code: ImportReasonCode; params: ImportReasonParams }): string {
  const text = TABLES[lang][item.code] ?? TABLES.en[item.code] ?? item.code;
  const shown = Object.fromEntries(Object.entries(item.params).map(([name, value]) => [name, paramText(lang, name, value)]));
  return fillParams(text, shown);
}

/** A param as the sentence shows it: `targets` holds target kinds ('callback,leadFollowUp'), named in `lang`. */
function paramText(lang: Lang, name: string, value: string | number): string {
  if (name === 'layout' && (IMPORT_LAYOUTS as readonly unknown[]).includes(value)) return importLayoutLabel(lang, value as ImportLayout);
  if (name !== 'targets') return String(value);
  const label = (kind: string) => DICTIONARIES[lang][`target.${kind}` as MessageKey] ?? kind;
  const names = String(value).split(',').map(label);
  return names.join(lang === 'zh' ? '、' : ', ');
}

const FIELDS: Record<ImportField, { zh: string; en: string }> = {
  recordNo: { zh: '记录编号', en: 'Record no.' },
  sourceRef: { zh: '来源编号', en: 'Source ref.' },
  deskCode: { zh: '坐席代码', en: 'Desk code' },
  timeZone: { zh: '时区', en: 'Time zone' },
  date: { zh: '日期', en: 'Date' },
  callAt: { zh: '来电时间', en: 'Call time' },
  answeredAt: { zh: '首次接听时间', en: 'First answer time' },
  salutation: { zh: '客户称呼', en: 'Salutation' },
  phone: { zh: '联系方式(后四位)', en: 'Phone (last 4)' },
  reason: { zh: '来电事由', en: 'Call reason' },
  category: { zh: '问题分类', en: 'Category' },
  transferTo: { zh: '转接后负责人', en: 'Transferred to' },
  transferAt: { zh: '转接时间', en: 'Transfer time' },
  transferAnsweredAt: { zh: '转接接听时间', en: 'Transfer answered' },
  handler: { zh: '处理负责人', en: 'Handler' },
  agent: { zh: '客服', en: 'Agent' },
  steps: { zh: '处理步骤', en: 'Handling steps' },
  result: { zh: '处理结果', en: 'Result' },
  resultNote: { zh: '解释说明', en: 'Explanation' },
  feedback: { zh: '客户反馈', en: 'Customer feedback' },
  feedbackReason: { zh: '不满意原因', en: 'Why unsatisfied' },
  remarks: { zh: '备注', en: 'Remarks' },
  missReasons: { zh: '未达标原因', en: 'Miss reasons' },
  customerType: { zh: '客户类型', en: 'Customer type' },
  requestType: { zh: '需求类型', en: 'Request type' },
  priority: { zh: '优先级', en: 'Priority' },
  scoreSpeed: { zh: '响应速度评分', en: 'Response speed score' },
  scoreProfessionalism: { zh: '专业度评分', en: 'Professionalism score' },
  scoreResolution: { zh: '问题解决评分', en: 'Resolution score' },
  callbackDone: { zh: '回访完成时间', en: 'Callback done' },
  callbackBy: { zh: '回访人', en: 'Callback by' },
  callbackOutcome: { zh: '回访结果', en: 'Callback outcome' },
  resolvedAt: { zh: '解决时间', en: 'Resolved at' },
  resultToldAt: { zh: '告知结果时间', en: 'Result told at' },
  closedAt: { zh: '结束时间', en: 'Closed at' },
  followUpDue: { zh: '跟进截止时间', en: 'Follow-up due' },
  followUpOwner: { zh: '跟进负责人', en: 'Follow-up owner' },
  leadFollowUpDone: { zh: '主管跟进完成时间', en: 'Team-lead follow-up done' },
  leadFollowUpBy: { zh: '主管跟进人', en: 'Team-lead follow-up by' },
  leadFollowUpOutcome: { zh: '主管跟进结果', en: 'Team-lead follow-up outcome' },
  untrackedTargets: { zh: '不跟踪的目标', en: 'Targets not tracked' },
  responseMin: { zh: '响应时长(分钟)', en: 'Response (min)' },
  secondResponseMin: { zh: '二次响应时长(分钟)', en: 'Second response (min)' },
  actualResponseMin: { zh: '实际响应时长(分钟)', en: 'Actual response (min)' },
  actualResolutionMin: { zh: '实际解决时长(分钟)', en: 'Actual resolution (min)' },
  responseMet: { zh: '响应时间是否达标', en: 'Response target met?' },
  resolutionMet: { zh: '解决率是否达标', en: 'Resolution target met?' },
  overallScore: { zh: '综合评分', en: 'Overall score' },
  callbackDue: { zh: '回访截止时间', en: 'Callback due' },
};

/** A record field's name in `lang`, as the column mapping shows it. @example importFieldLabel('en', 'sourceRef') === 'Source ref.' */
export function importFieldLabel(lang: Lang, field: ImportField): string {
  return FIELDS[field][lang];
}

const MOMENTS: Record<ImportMoment, ImportField> = { answeredAt: 'answeredAt', resolvedAt: 'resolvedAt', resultToldAt: 'resultToldAt', closedAt: 'closedAt' };

/** A moment's name in `lang` (the inferred-moments list). @example importMomentLabel('zh', 'closedAt') === '结束时间' */
export function importMomentLabel(lang: Lang, moment: ImportMoment): string {
  return importFieldLabel(lang, MOMENTS[moment]);
}

const LAYOUTS: Record<ImportLayout, { zh: string; en: string }> = {
  archive: { zh: 'Hotline Log 导出文件', en: 'Hotline Log export' },
  paper: { zh: '热线记录表（模板 003）', en: 'Hotline record sheet (template 003)' },
  tracking: { zh: '跟踪表（模板 000）', en: 'Tracking sheet (template 000)' },
  response: { zh: '响应记录表（模板 004）', en: 'Response record sheet (template 004)' },
};

/** A layout's name in `lang`, the one name the screen and the CLI give it. @example importLayoutLabel('zh', 'tracking') === '跟踪表（模板 000）' */
export function importLayoutLabel(lang: Lang, layout: ImportLayout): string {
  return LAYOUTS[layout][lang];
}

const USES: Record<ColumnUse, { zh: string; en: string }> = {
  read: { zh: '读取', en: 'read' },
  checked: { zh: '仅核对', en: 'checked' },
  notRead: { zh: '未读取', en: 'not read' },
};

/** What became of a column, in `lang`. @example columnUseLabel('zh', 'checked') === '仅核对' */
export function columnUseLabel(lang: Lang, use: ColumnUse): string {
  return USES[use][lang];
}
