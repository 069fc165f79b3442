import type { phoneEvents as en } from '../en/phoneEvents';

/** 打开的记录跟随电话系统的事件（问题 15）：挂断与整理、电话系统作废的记录、电话系统的作废原因。 */
export const phoneEvents: Record<keyof typeof en, string> = {
  'desk.wrapUp': '整理',
  'desk.phoneEnded': '通话已结束 {time}（电话系统）',
  'desk.phoneTalk': '通话 {duration}',
  'desk.durationMinSec': '{m} 分 {s} 秒',
  'desk.durationSec': '{s} 秒',
  'desk.phoneClosed.notAnswered': '未接听：已记为未接来电 {no}',
  'desk.phoneClosed.answeredElsewhere': '已由其他分机接听（{who}）：此记录已作废',
  'desk.phoneClosed.other': '电话系统已作废此记录：{reason}',
  'desk.phoneVoidedKept': '您输入时电话系统作废了此记录：您输入但未保存的内容仍显示在下方。打开其他来电之前，请先复制需要的内容。',
  'void.phone.notAnswered': '未接听：已记为未接来电 {no}',
  'void.phone.answeredElsewhere': '已由其他分机接听（{who}）',
  'missed.markCalledBack': '标记已回拨',
  'missed.markCalledBackFor': '标记已回拨：{no}',
  'missed.noneInPeriod.open': '此期间没有待回拨的未接来电。',
  'missed.noneInPeriod.calledBack': '此期间没有已回拨的未接来电。',
};
