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
  const { errors, perform, drafts } = desk;
  const [result, setResult] = useState<CallResult | null>(record.result);
  // What was typed and not yet accepted stays with this call when another is opened (useCallDrafts).
  const kept = (key: string, stored: string) => drafts.get(record.id, key) ?? stored;
  const [due, setDueState] = useState(kept('followUpDue', record.followUpDueAt === null ? '' : localDateTime(record.followUpDueAt, record.timeZone)));
  const [owner, setOwnerState] = useState(kept('followUpOwner', record.followUpOwner ?? ''));
  const [note, setNoteState] = useState(kept('resultNote', record.resultNote ?? ''));
  const typed = (key: string, set: (value: string) => void) => (value: string) => {
    set(value);
    drafts.set(record.id, key, value);
  };
  const setDue = typed('followUpDue', setDueState);
  const setOwner = typed('followUpOwner', setOwnerState);
  const setNote = typed('resultNote', setNoteState);
  /** Fields the agent has left: what they still need shows once they were left, or once closing was tried, not while typing. */
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const shown = (key: 'followUpDue' | 'followUpOwner' | 'resultNote') => (left.has(key) || desk.submitAttempts > 0 ? errors[key] : undefined);
  const leave = (key: string) => {
    setLeft((prev) => new Set(prev).add(key));
    save();
  };

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
    ).then((saved) => {
      // Saved: the record holds them now.
      if (saved) for (const key of ['followUpDue', 'followUpOwner', 'resultNote']) drafts.set(record.id, key, undefined);
    });
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
                setLeft((prev) => new Set(prev).add('followUpDue'));
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
              onBlur={() => leave('followUpOwner')}
            />
          </Field>
        </>
      )}
      {(result === 'cannot_resolve' || result === 'escalated' || note !== '') && (
        <Field id="f-result-note" label={t('field.resultNote')} error={shown('resultNote')} wide>
          <textarea id="f-result-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} onBlur={() => leave('resultNote')} />
        </Field>
      )}
    </section>
  );
}
