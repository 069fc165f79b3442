import { DURATION_UNITS, type PolicyDuration } from '../../../../shared/policy/schema';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n';

/** An amount and its unit: wall-clock minutes/hours/days or working hours/days. */
export function DurationInput(props: { id: string; label: string; value: PolicyDuration; invalid?: boolean; onChange: (d: PolicyDuration) => void }) {
  const { t } = useI18n();
  return (
    <span className={`duration${props.invalid ? ' field-invalid' : ''}`}>
      <input
        id={props.id}
        aria-label={props.label}
        type="number"
        min={0}
        step="any"
        value={Number.isFinite(props.value.amount) ? props.value.amount : ''}
        onChange={(e) => props.onChange({ ...props.value, amount: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
      />
      <select aria-label={t('policy.unitOf', { what: props.label })} value={props.value.unit} onChange={(e) => props.onChange({ ...props.value, unit: e.target.value as PolicyDuration['unit'] })}>
        {DURATION_UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`unit.${u}` as MessageKey)}
          </option>
        ))}
      </select>
    </span>
  );
}
