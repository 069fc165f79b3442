import type { AuditEntry } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { readStepText } from '../../../../shared/domain/followUpStep';
import { localClock, localDate, localDateTime } from '../../../../shared/timing/localTime';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What the panel needs to label a record's audit rows: the reader's words, the record's zone, its levels' names. */
export interface AuditContext {
  t: T;
  zone: string;
  /** A priority key's label in the record's policy, or the key itself. */
  priorityLabel(key: string): string;
  /** The record's own local date: a transfer on it reads by its time alone ("转至 技术部，10:32"). */
  date?: string;
}

/** One audit row as the reader sees it: "解决截止时间: 10-05 17:00 → 10-10 17:00". */
export interface AuditLine {
  label: string;
  from: string;
  to: string;
}

type Kind = 'text' | 'step' | 'time' | 'version' | 'yesNo' | 'priority' | 'clockLag' | `vocab:${string}`;

/**
 * Audit rows keep field keys and values as data (diffRecords, judgementChanges):
 * epoch ms for times, version numbers, vocabulary keys, 1/0. Each field's label
 * and how its values read, for both the record edits and the re-judge's fields.
 */
const FIELDS: Record<string, [MessageKey, Kind]> = {
  callAt: ['field.callTime', 'time'],
  answeredAt: ['field.answerTime', 'time'],
  salutation: ['field.salutation', 'text'],
  phoneLast4: ['field.phone', 'text'],
  customerType: ['field.customerType', 'vocab:customerType'],
  requestType: ['field.requestType', 'vocab:requestType'],
  category: ['field.category', 'vocab:category'],
  priority: ['field.priority', 'priority'],
  reason: ['field.reason', 'text'],
  handler: ['field.handler', 'text'],
  result: ['field.result', 'vocab:result'],
  followUpDueAt: ['field.followUpDue', 'time'],
  followUpOwner: ['field.followUpOwner', 'text'],
  resultNote: ['field.resultNote', 'text'],
  feedback: ['field.feedback', 'vocab:feedback'],
  feedbackReason: ['field.feedbackReason', 'text'],
  scoreSpeed: ['field.scoreSpeed', 'text'],
  scoreProfessionalism: ['field.scoreProfessionalism', 'text'],
  scoreResolution: ['field.scoreResolution', 'text'],
  remarks: ['field.remarks', 'text'],
  closedAt: ['audit.closedAt', 'time'],
  resolvedAt: ['audit.resolvedAt', 'time'],
  resultToldAt: ['audit.resultToldAt', 'time'],
  callbackDoneAt: ['audit.callbackDoneAt', 'time'],
  callbackOutcome: ['audit.callbackOutcome', 'text'],
  leadFollowUpDoneAt: ['audit.leadFollowUpDoneAt', 'time'],
  leadFollowUpOutcome: ['audit.leadFollowUpOutcome', 'text'],
  clockBehind: ['audit.clockBehind', 'clockLag'],
  voidedAt: ['audit.voidedAt', 'time'],
  voidReason: ['audit.voidReason', 'text'],
  // The re-judge's fields (electron/records/judgeCalls.ts).
  policy: ['audit.policy', 'version'],
  responseDue: ['audit.responseDue', 'time'],
  resolutionDue: ['audit.resolutionDue', 'time'],
  transferWithinDue: ['audit.transferWithinDue', 'time'],
  resultToldDue: ['audit.resultToldDue', 'time'],
  callbackDue: ['audit.callbackDue', 'time'],
  leadFollowUpDue: ['audit.leadFollowUpDue', 'time'],
  missedTarget: ['audit.missedTarget', 'yesNo'],
};

/** The audited moments of a transfer, keyed by the part after "transfer#N.". */
const TRANSFER_FIELDS: Record<string, MessageKey> = {
  transferredAt: 'audit.transferredAt',
  answeredAt: 'audit.transferAnsweredAt',
  secondResponseDue: 'audit.secondResponseDue',
};

/**
 * An audit row in the reader's language, times in the record's zone.
 * Rows written before values were kept as data read as well: 'version 2',
 * 'yes'/'no' and times already written out as text are understood.
 * @example auditLine({ field: 'missedTarget', oldValue: '1', newValue: '0', … }, ctx) // { label: '未达标', from: '是', to: '否' }
 */
export function auditLine(entry: Pick<AuditEntry, 'field' | 'oldValue' | 'newValue'>, ctx: AuditContext): AuditLine {
  const { t } = ctx;
  const known = FIELDS[entry.field];
  if (known) return { label: t(known[0]), from: valueText(entry.oldValue, known[1], ctx), to: valueText(entry.newValue, known[1], ctx) };
  const transfer = /^transfer#(\d+)(?:\.(\w+))?$/.exec(entry.field);
  if (transfer) {
    const seq = Number(transfer[1]);
    const part = transfer[2];
    if (part === undefined) return { label: t('audit.transfer', { n: seq }), from: valueText(entry.oldValue, 'text', ctx), to: transferText(entry.newValue, ctx) };
    const key = TRANSFER_FIELDS[part];
    if (key) return { label: `${t('audit.transfer', { n: seq })} · ${t(key)}`, from: valueText(entry.oldValue, 'time', ctx), to: valueText(entry.newValue, 'time', ctx) };
  }
  const step = /^step#(\d+)$/.exec(entry.field);
  if (step) return { label: t('audit.step', { n: Number(step[1]) }), from: valueText(entry.oldValue, 'step', ctx), to: valueText(entry.newValue, 'step', ctx) };
  const miss = /^missReason\.(\w+)#(\d+)$/.exec(entry.field);
  if (miss) {
    const target = t(`target.${miss[1]}` as MessageKey);
    const label = miss[1] === 'secondResponse' ? t('audit.missReasonOf', { target: `${target} #${Number(miss[2]) + 1}` }) : t('audit.missReasonOf', { target });
    return { label, from: reasonText(entry.oldValue, t), to: reasonText(entry.newValue, t) };
  }
  // A field this screen does not know (a newer app wrote it): shown as kept, never hidden.
  return { label: entry.field, from: entry.oldValue ?? '—', to: entry.newValue ?? '—' };
}

/**
 * The reason beside an audit row. Re-judges once wrote "policy version 3 in force
 * from 2026-09-01: <why>" and clock flags "system clock behind the record": read
 * in the reader's language too.
 */
export function auditReason(reason: string | null, t: T): string | null {
  if (reason === null) return null;
  if (reason === 'system clock behind the record') return t('audit.clockBehindReason');
  const rejudge = /^policy version (\d+) in force from (the start|\d{4}-\d{2}-\d{2})(?:: ([\s\S]*))?$/.exec(reason);
  if (!rejudge) return reason;
  const head = rejudge[2] === 'the start' ? t('audit.rejudgedByFirst', { version: rejudge[1]! }) : t('audit.rejudgedBy', { version: rejudge[1]!, from: rejudge[2]! });
  return rejudge[3] ? `${head}: ${rejudge[3]}` : head;
}

function valueText(value: string | null, kind: Kind, ctx: AuditContext): string {
  if (value === null || value === '') return '—';
  const { t, zone } = ctx;
  switch (kind) {
    case 'text':
      return value;
    case 'step': {
      // A completed follow-up's step keeps its kind as a code (shared/domain/followUpStep.ts).
      const step = readStepText(value);
      return step.followUp === undefined ? value : t('step.followUp', { label: t(`step.followUp.${step.followUp}` as MessageKey), text: step.text });
    }
    case 'time':
      // Epoch ms as written since values are data; older rows carry the local time as text already.
      return /^\d+$/.test(value) ? localDateTime(Number(value), zone) : value;
    case 'version': {
      const n = /^(?:version )?(\d+)$/.exec(value);
      return n ? t('audit.version', { n: n[1]! }) : value;
    }
    case 'yesNo':
      return value === '1' || value === 'yes' ? t('audit.yes') : value === '0' || value === 'no' ? t('audit.no') : value;
    case 'priority':
      return ctx.priorityLabel(value);
    case 'clockLag': {
      if (!/^\d+$/.test(value)) return value;
      const s = Math.round(Number(value) / 1000);
      return t('audit.clockLag', { min: Math.floor(s / 60), s: s % 60 });
    }
    default:
      return t(`${kind.slice('vocab:'.length)}.${value}` as MessageKey);
  }
}

/** A transfer as diffRecords keeps it: "<to> @ <epoch ms>". */
function transferText(value: string | null, ctx: AuditContext): string {
  const parts = value === null ? null : /^([\s\S]*) @ (\d+)$/.exec(value);
  if (!parts) return valueText(value, 'text', ctx);
  const at = Number(parts[2]);
  return ctx.t('audit.transferTo', { to: parts[1]!, at: localDate(at, ctx.zone) === ctx.date ? localClock(at, ctx.zone) : localDateTime(at, ctx.zone) });
}

/** A miss reason as diffRecords keeps it: "<code>" or "<code>: <text>". */
function reasonText(value: string | null, t: T): string {
  if (value === null) return '—';
  const parts = /^(\w+)(?:: ([\s\S]*))?$/.exec(value);
  if (!parts) return value;
  const label = t(`missReason.${parts[1]}` as MessageKey);
  return parts[2] ? `${label} — ${parts[2]}` : label;
}

/** Who made a change: a profile's name as it is, the phone system (`phone:ami`, `phone:cti`) in the reader's words, so a moment's source shows. */
export function auditActor(actor: string, t: T): string {
  if (actor === 'phone:ami' || actor === 'phone:cti') return t(`audit.actor.${actor}`);
  return actor;
}
