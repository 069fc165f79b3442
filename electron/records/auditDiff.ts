import type { CallRecord } from '../../shared/api/records';

/** One field's change, as the audit trail keeps it. */
export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** A record flattened for comparing: its void mark as two fields of its own. */
type Audited = CallRecord & { voidedAt: number | null; voidReason: string | null };

/** Fields a person (or a click) sets; derived ones (durations, timing, overall score) are left out. */
const AUDITED: ReadonlyArray<keyof Audited> = [
  'callAt',
  'answeredAt',
  'salutation',
  'phoneLast4',
  'customerType',
  'requestType',
  'category',
  'priority',
  'reason',
  'handler',
  'result',
  'followUpDueAt',
  'followUpOwner',
  'resultNote',
  'feedback',
  'feedbackReason',
  'scoreSpeed',
  'scoreProfessionalism',
  'scoreResolution',
  'remarks',
  'closedAt',
  'resolvedAt',
  'resultToldAt',
  'callbackDoneAt',
  'callbackOutcome',
  'leadFollowUpDoneAt',
  'leadFollowUpOutcome',
  'voidedAt',
  'voidReason',
];

const flat = (record: CallRecord): Audited => ({ ...record, voidedAt: record.voided?.at ?? null, voidReason: record.voided?.reason ?? null });

const show = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * What a change did to a record: each audited field that differs, each transfer
 * added or answered, each step added, each miss reason given or reworded.
 */
export function diffRecords(beforeRecord: CallRecord, afterRecord: CallRecord): FieldChange[] {
  const [before, after] = [flat(beforeRecord), flat(afterRecord)];
  const changes: FieldChange[] = [];
  for (const field of AUDITED) {
    if (before[field] !== after[field]) changes.push({ field, oldValue: show(before[field]), newValue: show(after[field]) });
  }
  after.transfers.forEach((t, i) => {
    const was = before.transfers[i];
    if (!was) changes.push({ field: `transfer#${t.seq}`, oldValue: null, newValue: `${t.to} @ ${t.transferredAt}` });
    else {
      if (was.transferredAt !== t.transferredAt) changes.push({ field: `transfer#${t.seq}.transferredAt`, oldValue: show(was.transferredAt), newValue: show(t.transferredAt) });
      if (was.answeredAt !== t.answeredAt) changes.push({ field: `transfer#${t.seq}.answeredAt`, oldValue: show(was.answeredAt), newValue: show(t.answeredAt) });
    }
  });
  for (const step of after.steps.slice(before.steps.length)) changes.push({ field: `step#${step.n}`, oldValue: null, newValue: step.text });
  for (const reason of after.missReasons) {
    const was = before.missReasons.find((r) => r.kind === reason.kind && r.index === reason.index);
    const text = `${reason.code}${reason.text ? `: ${reason.text}` : ''}`;
    const old = was ? `${was.code}${was.text ? `: ${was.text}` : ''}` : null;
    if (old !== text) changes.push({ field: `missReason.${reason.kind}#${reason.index}`, oldValue: old, newValue: text });
  }
  return changes;
}
