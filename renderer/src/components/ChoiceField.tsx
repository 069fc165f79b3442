import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';
import { useOptimisticChoice } from '../keyboard/useOptimisticChoice';
import { Field } from './Field';

/**
 * A pick-list over one of the record's vocabularies, saved as soon as it changes. It shows
 * the option picked while the save runs (no snap-back under fast arrow keys); `onChange`
 * resolves to something falsy when the store refused the value.
 */
export function ChoiceField<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  /** Dictionary prefix of the options' labels, e.g. 'priority' for 'priority.urgent'. */
  vocabulary: string;
  value: T | null;
  onChange: (value: T | null) => Promise<unknown> | void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [shown, pick] = useOptimisticChoice<T | null>(props.value, async (value) => Boolean(await (props.onChange(value) ?? true)));
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select
        id={props.id}
        value={shown ?? ''}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => pick(e.target.value === '' ? null : (e.target.value as T))}
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
