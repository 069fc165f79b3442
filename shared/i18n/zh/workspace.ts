import type { workspace as en } from '../en/workspace';

/** 一通来电一个工作区（第 12 号问题）：新来电前的确认，以及作废误建的记录。 */
export const workspace: Record<keyof typeof en, string> = {
  'newCall.confirmTitle': '开始新的来电？',
  'newCall.confirmBody': '来电 {recordNo} 尚未结束。它会以“未结束”留在今日来电中，为它输入的内容也会保留。',
  'newCall.confirm': '开始新来电',
  'newCall.cancel': '取消',
  'void.open': '作废记录…',
  'void.title': '作废此记录（误建）',
  'void.hint': '作废的记录会保留且只读，不计入任何统计。坐席可在记录建立后 {n} 分钟内作废自己的记录；组长可随时作废。',
  'void.reason': '作废原因',
  'void.reasonHint': '例如：误按新来电，并无客户来电',
  'void.confirm': '作废记录',
  'void.cancel': '取消',
  'void.mark': '已作废',
  'void.markDetail': '{by} 于 {at} 作废：{reason}',
  'void.readOnly': '此记录已作废：保留原样，不能再修改。',
  'void.notExported': '已作废的记录不导出：表格只列出真实发生的来电。',
  'review.state.voided': '已作废',
  'audit.voidedAt': '作废时间',
  'audit.voidReason': '作废原因',
  'error.void_reason_required': '请填写作废原因。',
  'error.void_too_late': '来电 {recordNo} 建立已超过 {minutes} 分钟：现在只有组长可以作废。',
  'error.record_voided': '来电 {recordNo} 已作废，不能再修改。',
  'error.voided_not_exported': '已作废的记录不导出。',
};
