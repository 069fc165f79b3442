import { MAX_LABEL, MAX_TEXT } from '../../../shared/domain/fields';
import { cleanText } from '../../../shared/domain/text';
import type { RowKey } from '../columns';
import { textOf } from '../importValues';
import { labelOf, readPriority, readVocab } from '../vocab';
import type { CallColumns } from '../importRow';
import type { Policy } from '../../../shared/policy/schema';
import { salutationOf } from './salutation';
import type { FinishStep, SeedColumn, SeedLayout } from './types';

/**
 * Seed 004's response record sheet (客户服务响应记录表): 记录编号, 客户名称/联系人,
 * 联系方式, 需求类型, 优先级, 接收时间, 需求详情描述, 分类判定结果, 分派负责人,
 * 处理开始时间, 处理措施, 处理结果, 反馈时间, 客户确认结果, 回访情况, 备注.
 * 处理结果 is free text (the explanation); the result is resolved when a 反馈时间
 * is given, else left open for a team lead. 分类判定结果 is only checked.
 */

/** 需求类型's short forms (seed 004 lists 咨询/投诉/建议/故障/变更). */
const REQUEST_TYPES: Record<string, string> = { 咨询: 'consultation', 投诉: 'complaint', 建议: 'suggestion', 故障: 'fault_report', 报修: 'fault_report', 变更: 'service_change' };

/** 回访情况 as the seed writes it: "2023-10-27 15:00回访，客户表示问题彻底解决，无其他需求". */
const CALLBACK = /^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)\s*(?:已?回访)?\s*[,，;；:：。]?\s*(.*)$/s;

const pass = (key: RowKey, fields: SeedColumn['fields'], headers: string[]): SeedColumn => ({ headers, fields, read: (cell, row) => row.set(key, cell) });

export const RESPONSE: SeedLayout = {
  id: 'response',
  identifiedBy: ['recordNo', 'callAt', 'requestType'],
  numberColumn: 'recordNo',
  columns: {
    recordNo: pass('sourceRef', ['sourceRef'], ['记录编号', '需求编号']),
    customer: {
      headers: ['客户名称/联系人', '客户名称', '联系人'],
      fields: ['customerType', 'salutation'],
      read: (cell, row) => {
        const who = salutationOf(textOf(cell));
        row.set('customerType', who.enterprise ? 'enterprise' : null);
        row.set('salutation', who.salutation);
      },
    },
    phone: pass('phone', ['phone'], ['联系方式']),
    requestType: {
      headers: ['需求类型'],
      fields: ['requestType'],
      read: (cell, row) => {
        const text = textOf(cell);
        const key = text === null ? null : (REQUEST_TYPES[text.trim()] ?? readVocab('requestType', text));
        if (text !== null && key === null) row.fail('unknown_value', { value: text });
        row.set('requestType', key);
      },
    },
    priority: pass('priority', ['priority'], ['优先级']),
    callAt: pass('callAt', ['callAt'], ['接收时间']),
    description: {
      headers: ['需求详情描述'],
      fields: ['reason'],
      read: (cell, row) => {
        // The call reason is a short label; a longer description keeps its start there and goes whole into the remarks.
        const text = textOf(cell);
        const long = text !== null && cleanText(text).length > MAX_LABEL;
        if (long) row.note('reason_shortened', { max: MAX_LABEL });
        row.set('reason', long ? `${cleanText(text).slice(0, MAX_LABEL - 1)}…` : cell);
        if (long) {
          row.finish((call) => {
            call.remarks = [cleanText(text).slice(0, MAX_TEXT), call.remarks].filter((t) => t !== null).join('\n');
            return [];
          });
        }
      },
    },
    classification: {
      headers: ['分类判定结果'],
      fields: [],
      checked: true,
      read: (cell, row) => {
        const text = textOf(cell);
        if (text !== null) row.finish((call, policy) => classificationNotes(text, call, policy));
      },
    },
    handler: {
      headers: ['分派负责人'],
      fields: ['handler', 'agent'],
      read: (cell, row) => {
        row.set('handler', cell);
        row.set('agent', cell);
      },
    },
    answeredAt: pass('answeredAt', ['answeredAt'], ['处理开始时间']),
    measure: pass('steps', ['steps'], ['处理措施']),
    resultText: pass('resultNote', ['resultNote'], ['处理结果']),
    toldAt: {
      headers: ['反馈时间'],
      fields: ['resultToldAt', 'result'],
      read: (cell, row) => {
        row.set('resultToldAt', cell);
        if (textOf(cell) === null) row.note('result_open_for_lead');
        row.set('result', textOf(cell) === null ? null : 'resolved');
      },
    },
    feedback: pass('feedback', ['feedback'], ['客户确认结果', '客户确认结果(满意/基本满意/不满意)']),
    callback: {
      headers: ['回访情况'],
      fields: ['callbackDone', 'callbackOutcome'],
      read: (cell, row) => {
        const text = textOf(cell);
        const m = text === null ? null : CALLBACK.exec(text);
        if (text !== null && !m) row.note('callback_no_time', { value: cleanText(text).slice(0, 40) });
        row.set('callbackDone', m ? m[1]! : null);
        row.set('callbackOutcome', m ? m[2]!.trim() || null : text);
      },
    },
    remarks: pass('remarks', ['remarks'], ['备注']),
  },
};

/**
 * 分类判定结果 ("投诉-紧急") against the record's request type and priority: each
 * part that names one of them and disagrees is a note; parts naming neither are left be.
 * @example classificationNotes('投诉-紧急', { request_type: 'complaint', priority: 'important' }, policy) // one note: priority
 */
export function classificationNotes(text: string, call: Pick<CallColumns, 'request_type' | 'priority'>, policy: Policy): ReturnType<FinishStep> {
  const notes: ReturnType<FinishStep> = [];
  for (const part of text.split(/[-—–－_/／、,，\s]+/).filter((p) => p !== '')) {
    const requestType = REQUEST_TYPES[part] ?? readVocab('requestType', part);
    if (requestType !== null && call.request_type !== null && requestType !== call.request_type) {
      notes.push({ code: 'classification_disagrees', params: { value: text, field: '需求类型', expected: labelOf('zh', 'requestType', call.request_type) } });
    }
    const priority = readPriority(policy, part);
    if (priority !== null && call.priority !== null && priority !== call.priority) {
      notes.push({ code: 'classification_disagrees', params: { value: text, field: '优先级', expected: policy.priorities.find((l) => l.key === call.priority)?.label.zh ?? call.priority } });
    }
  }
  return notes;
}
