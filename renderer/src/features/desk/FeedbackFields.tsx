import type { UpdatePatch } from '../../../../shared/api/contract';
import type { CallRecord } from '../../../../shared/api/records';
import { FEEDBACKS, type Feedback } from '../../../../shared/domain/fields';
import { Field } from '../../components/Field';
import { ChoiceField } from '../../components/ChoiceField';
import { SavedSelect } from '../../components/SavedSelect';
import { SavedTextField } from '../../components/SavedTextField';
import { useI18n } from '../../i18n';
import type { Desk } from './useDesk';

const SCORES = [
  ['scoreSpeed', 'field.scoreSpeed'],
  ['scoreProfessionalism', 'field.scoreProfessionalism'],
  ['scoreResolution', 'field.scoreResolution'],
] as const;

/** Customer feedback (a reason when unsatisfied), the optional 1–5 scores, and remarks. */
export function FeedbackFields({ record, desk }: { record: CallRecord; desk: Desk }) {
  const { t } = useI18n();
  const { errors, savePatch, keep } = desk;
  return (
    <section className="fields-grid">
      <ChoiceField<Feedback>
        id="f-feedback"
        label={t('field.feedback')}
        options={FEEDBACKS}
        vocabulary="feedback"
        value={record.feedback}
        error={errors.feedback}
        onChange={(value) => savePatch('feedback', { feedback: value })}
      />
      {(record.feedback === 'unsatisfied' || record.feedbackReason !== null) && (
        <SavedTextField
          id="f-feedback-reason"
          label={t('field.feedbackReason')}
          value={record.feedbackReason}
          error={errors.feedbackReason}
          onSave={async (typed) => (await savePatch('feedbackReason', { feedbackReason: typed }))?.feedbackReason}
          {...keep('feedbackReason')}
          wide
        />
      )}
      <fieldset className="scores">
        <legend>
          {t('field.scores')}
          {record.overallScore !== null && (
            <span className="overall">
              {' '}· {t('field.overall')} <strong data-testid="overall-score">{record.overallScore}</strong>
            </span>
          )}
        </legend>
        {SCORES.map(([key, label]) => (
          <Field key={key} id={`f-${key}`} label={t(label)} error={errors[key]}>
            <SavedSelect
              id={`f-${key}`}
              value={String(record[key] ?? '')}
              invalid={Boolean(errors[key])}
              onSave={(value) => savePatch(key, { [key]: value === '' ? null : Number(value) } as UpdatePatch)}
            >
              <option value="">{t('field.none')}</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </SavedSelect>
          </Field>
        ))}
      </fieldset>
      <SavedTextField
        id="f-remarks"
        label={t('field.remarks')}
        value={record.remarks}
        error={errors.remarks}
        onSave={async (typed) => (await savePatch('remarks', { remarks: typed }))?.remarks}
        {...keep('remarks')}
        multiline
        wide
      />
    </section>
  );
}
