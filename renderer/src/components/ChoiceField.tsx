import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';
import { Field } from './Field';

/** A pick-list over one of the record's vocabularies, saved as soon as it changes. */
export function ChoiceField<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  /** Dictionary prefix of the options' labels, e.g. 'priority' for 'priority.urgent'. */
  vocabulary: string;
  value: T | null;
  onChange: (value: T | null) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select
        id={props.id}
        value={props.value ?? ''}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value === '' ? null : (e.target.value as T))}
      >
        <option value="">{t('field.none')}</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {t(`${props.vocabulary}.${option}` as MessageKey)}
          </option>
        ))}
      </select>
    </Field>
  );
}
