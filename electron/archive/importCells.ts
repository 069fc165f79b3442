import { MAX_TEXT } from '../../shared/domain/fields';
import { cleanText } from '../../shared/domain/text';
import { CellProblem, textOf } from './importValues';
import type { RawCell } from './importRead';
import { readVocab } from './vocab';

/** The cells that hold several things at once: numbered steps, miss reasons, feedback with its reason. */

/**
 * The steps of a 处理步骤 cell: "1. …" a line each (this exporter) or
 * "1.…;2.…;3.…" (the paper sheet). Text without numbers is one step.
 * @example stepsOfCell('1.查询订单;2.核实地址') // ['查询订单', '核实地址']
 */
export function stepsOfCell(cell: RawCell | undefined): string[] {
  const text = textOf(cell);
  if (text === null) return [];
  // A number opens a step at the start or after a line break or semicolon: "3.5元" inside a step stays.
  const marker = /(?:^|[\n;；])\s*\d{1,3}\s*[.、．)）]\s*/g;
  const starts = [...text.matchAll(marker)];
  const pieces = starts.length === 0 ? [text] : starts.map((m, i) => text.slice(m.index + m[0].length, starts[i + 1]?.index ?? text.length));
  // Words before the first number are a step of their own.
  if (starts.length > 0 && starts[0]!.index > 0) pieces.unshift(text.slice(0, starts[0]!.index));
  return pieces
    .map((p) => cleanText(p.replace(/[;；]\s*$/, '')))
    .filter((p) => {
      if (p.length > MAX_TEXT) throw new CellProblem('too_long', { max: MAX_TEXT });
      return p !== '';
    });
}

export interface ReasonInput {
  kind: string;
  idx: number;
  code: string;
  text: string | null;
}

/**
 * The 未达标原因 cell as this exporter writes it, a line per target:
 * "响应：同时接待量超负荷 — 当班只有两人", "二次响应 #2：等待其他部门反馈".
 */
export function reasonsOfCell(cell: RawCell | undefined): ReasonInput[] {
  const text = textOf(cell);
  if (text === null) return [];
  const seen = new Set<string>();
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const m = /^\s*(.+?)(?:\s*#(\d+))?\s*[:：]\s*(.+?)(?:\s+—\s+(.*))?\s*$/.exec(line);
      const kind = m ? readVocab('target', m[1]!) : null;
      const code = m ? readVocab('missReason', m[3]!) : null;
      if (!m || !kind || !code) throw new CellProblem('miss_reason_bad', { value: line.trim() });
      const idx = kind === 'secondResponse' ? Number(m[2] ?? 1) - 1 : 0;
      const key = `${kind}#${idx}`;
      if (seen.has(key)) throw new CellProblem('miss_reason_twice', { value: line.trim() });
      seen.add(key);
      const note = m[4] ? cleanText(m[4]) : '';
      if (note.length > MAX_TEXT) throw new CellProblem('too_long', { max: MAX_TEXT });
      return { kind, idx, code, text: note === '' ? null : note };
    });
}

/**
 * 客户反馈: a label, or on the paper sheet a label with its reason
 * ("不满意，要求升级处理"), the reason becoming the feedback reason.
 */
export function feedbackOfCell(cell: RawCell | undefined): { feedback: string | null; reason: string | null } {
  const text = textOf(cell);
  if (text === null) return { feedback: null, reason: null };
  const whole = readVocab('feedback', text);
  if (whole) return { feedback: whole, reason: null };
  const m = /^(.+?)\s*[,，;；:：(（/]\s*(.*?)[)）]?$/.exec(text);
  const feedback = m ? readVocab('feedback', m[1]!) : null;
  if (!m || !feedback) throw new CellProblem('feedback_bad', { value: text });
  const reason = cleanText(m[2] ?? '');
  return { feedback, reason: reason === '' ? null : reason };
}
