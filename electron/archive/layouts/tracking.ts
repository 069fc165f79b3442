import type { Policy } from '../../../shared/policy/schema';
import type { RowKey } from '../columns';
import { reasonsOfCell } from '../importCells';
import { CellProblem, textOf } from '../importValues';
import { thresholdMinutesOf } from '../sheetFigures';
import { readVocab } from '../vocab';
import type { SeedColumn, SeedLayout } from './types';

/**
 * Seed 000's tracking sheet (客户服务标准响应时间与解决率跟踪表): 客户类型, 问题类型,
 * 问题编号, 提交时间, 首次响应时间, 解决时间, 解决状态, 实际响应时长, 实际解决时长,
 * 响应时间是否达标, 解决率是否达标, 负责人, 备注(未达标原因). It has no priority
 * column: the threshold in 响应时间是否达标 gives it (≤15分钟 → the level whose
 * response target is 15 minutes), else the policy's default, with a note.
 */

/** 问题类型 → request type and category (issue 10). */
const PROBLEM_TYPES: Record<string, { requestType: string; category: string | null }> = {
  技术故障: { requestType: 'fault_report', category: 'technical' },
  服务投诉: { requestType: 'complaint', category: 'service' },
  功能咨询: { requestType: 'consultation', category: 'consultation' },
  建议反馈: { requestType: 'suggestion', category: null },
};

/** 解决状态 → result; the app's own result labels are read too. */
const STATUSES: Record<string, string> = { 已解决: 'resolved', 解决中: 'in_progress', 需升级: 'escalated' };

/** Targets on the wall clock; working time has no fixed length in minutes. */
const MINUTES_OF_UNIT: Partial<Record<Policy['priorities'][number]['response']['unit'], number>> = { minutes: 1, hours: 60, days: 1440 };

/**
 * The level of `policy` whose response target is `minutes` long; working-time targets have no fixed length.
 * @example levelWithResponse(defaultPolicy('Asia/Shanghai'), 15) === 'urgent'
 */
export function levelWithResponse(policy: Policy, minutes: number): string | null {
  const level = policy.priorities.find((l) => l.response.amount * (MINUTES_OF_UNIT[l.response.unit] ?? Number.NaN) === minutes);
  return level?.key ?? null;
}

const pass = (key: RowKey, fields: SeedColumn['fields'], headers: string[], checked = false): SeedColumn => ({
  headers,
  fields,
  checked,
  read: (cell, row) => row.set(key, cell),
});

/** A threshold as the sheet writes it: 15 → 15分钟, 60 → 1小时. */
function thresholdText(minutes: number): string {
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`;
}

export const TRACKING: SeedLayout = {
  id: 'tracking',
  identifiedBy: ['sourceRef', 'callAt', 'status'],
  numberColumn: 'sourceRef',
  columns: {
    customerType: pass('customerType', ['customerType'], ['客户类型']),
    problemType: {
      headers: ['问题类型'],
      fields: ['requestType', 'category'],
      read: (cell, row) => {
        const text = textOf(cell);
        const mapped = text === null ? null : PROBLEM_TYPES[text.normalize('NFKC').replace(/\s+/g, '')];
        if (text !== null && !mapped) row.fail('unknown_value', { value: text });
        row.set('requestType', mapped?.requestType ?? null);
        row.set('category', mapped?.category ?? null);
      },
    },
    sourceRef: pass('sourceRef', ['sourceRef'], ['问题编号']),
    callAt: pass('callAt', ['callAt'], ['提交时间']),
    answeredAt: pass('answeredAt', ['answeredAt'], ['首次响应时间']),
    resolvedAt: pass('resolvedAt', ['resolvedAt'], ['解决时间']),
    status: {
      headers: ['解决状态'],
      fields: ['result'],
      read: (cell, row) => {
        const text = textOf(cell);
        const key = text === null ? null : (STATUSES[text.trim()] ?? readVocab('result', text));
        if (text !== null && key === null) row.fail('unknown_value', { value: text });
        row.set('result', key);
      },
    },
    actualResponse: pass('actualResponseMin', [], ['实际响应时长', '实际响应时长(分钟)'], true),
    actualResolution: pass('actualResolutionMin', [], ['实际解决时长', '实际解决时长(分钟)'], true),
    responseMet: {
      headers: ['响应时间是否达标', '是否达标(响应时间)', '是否达标'],
      fields: ['priority'],
      checked: true,
      read: (cell, row) => {
        row.set('responseMet', cell);
        const text = textOf(cell);
        const threshold = text === null ? null : thresholdMinutesOf(text);
        row.finish((call, policy) => {
          const key = threshold === null ? null : levelWithResponse(policy, threshold);
          call.priority = key ?? policy.defaultPriority;
          // Counted by the import and said once for the file (import.ts), not on every row.
          const label = (k: string) => policy.priorities.find((l) => l.key === k)?.label ?? { zh: k, en: k };
          // The threshold and the level it gave, in each language: the file's note lists the ones met.
          if (key !== null) return [{ code: 'priority_from_threshold', params: { threshold: thresholdText(threshold!), levelZh: label(key).zh, levelEn: label(key).en } }];
          const level = label(policy.defaultPriority);
          return [{ code: 'priority_defaulted', params: { priorityZh: level.zh, priorityEn: level.en } }];
        });
      },
    },
    resolutionMet: pass('resolutionMet', [], ['解决率是否达标', '是否达标(解决率)'], true),
    owner: {
      headers: ['负责人', '负责人(客服人员工号/姓名*)'],
      fields: ['handler', 'agent'],
      read: (cell, row) => {
        row.set('handler', cell);
        row.set('agent', cell);
      },
    },
    missReasons: {
      headers: ['备注(未达标原因)', '备注', '未达标原因'],
      fields: ['missReasons'],
      read: (cell, row) => {
        // This exporter's "响应：原因" lines are miss reasons as they are; free text names no target.
        let structured = false;
        try {
          structured = reasonsOfCell(cell).length > 0;
        } catch (error) {
          if (!(error instanceof CellProblem)) throw error;
        }
        row.set('missReasons', structured ? cell : null);
        row.set('missReasonText', structured ? null : cell);
      },
    },
  },
};
