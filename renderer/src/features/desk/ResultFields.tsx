import { useState } from 'react';
import type { CallRecord } from '../../../../shared/api/records';
import { RESULTS, type CallResult } from '../../../../shared/domain/fields';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { ChoiceField } from '../../components/ChoiceField';
import { DateTimeInput } from '../../components/DateTimeInput';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import type { Desk } from './useDesk';

/**
 * The result and what it demands, saved together: in progress needs a
 * follow-up due time and owner, cannot-resolve an explanation (seed 003).
 * What was typed stays while the store refuses an incomplete combination.
 */
export function ResultFields({ record, desk }: { record: CallRecord; desk: Desk }) {
  const { t } = useI18n();
  const { errors, perform } = desk;
  const [result, setResult] = useState<CallResult | null>(record.result);
  const [due, setDue] = useState(record.followUpDueAt === null ? '' : localDateTime(record.followUpDueAt, record.timeZone));
  const [owner, setOwner] = useState(record.followUpOwner ?? '');
  const [note, setNote] = useState(record.resultNote ?? '');
  /**
   * Fields the person has left: "required" is said there only, or once closing was tried
   * (errors.actions), not the instant 处理中 is picked and nothing could be typed yet.
   */
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const leave = (field: string) => setLeft((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));
  const shown = (field: string) => (left.has(field) || errors.actions !== undefined ? errors[field] : undefined);

  const save = (next: { result?: CallResult | null; due?: string; owner?: string; note?: string } = {}) => {
    const chosen = next.result !== undefined ? next.result : result;
    const fields = ['result', 'followUpDue', 'followUpOwner', 'resultNote'];
    void perform(fields, 'result', (changeReason) =>
      api.setResult({
        changeReason,
        id: record.id,
        result: chosen,
        followUpDue: next.due ?? due,
        followUpOwner: next.owner ?? owner,
        note: next.note ?? note,
      }),
    );
  };

  return (
    <section className="fields-grid">
      <ChoiceField
        id="f-result"
        label={t('field.result')}
        options={RESULTS}
        vocabulary="result"
        value={result}
        error={errors.result}
        onChange={(value) => {
          setResult(value);
          save({ result: value });
        }}
      />
      {result === 'in_progress' && (
        <>
          <Field id="f-follow-up-due" label={t('field.followUpDue')} error={shown('followUpDue')}>
            <DateTimeInput
              id="f-follow-up-due"
              value={due}
              placeholder={t('field.followUpDueHint')}
              invalid={Boolean(shown('followUpDue'))}
              onChange={setDue}
              onDone={(typed) => {
                leave('followUpDue');
                save({ due: typed });
              }}
            />
          </Field>
          <Field id="f-follow-up-owner" label={t('field.followUpOwner')} error={shown('followUpOwner')}>
            <input
              id="f-follow-up-owner"
              value={owner}
              aria-invalid={shown('followUpOwner') ? true : undefined}
              onChange={(e) => setOwner(e.target.value)}
              onBlur={() => {
                leave('followUpOwner');
                save();
              }}
            />
          </Field>
        </>
      )}
      {(result === 'cannot_resolve' || result === 'escalated' || note !== '') && (
        <Field id="f-result-note" label={t('field.resultNote')} error={errors.resultNote} wide>
          <textarea id="f-result-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} onBlur={() => save()} />
        </Field>
      )}
    </section>
  );
}
