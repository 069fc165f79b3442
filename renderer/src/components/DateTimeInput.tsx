import { useI18n } from '../i18n';

/** 'YYYY-MM-DD HH:MM' as typed ↔ 'YYYY-MM-DDTHH:MM' as a datetime-local input holds it. */
const FULL = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})\s*$/;
export const pickerValue = (typed: string): string => {
  const m = FULL.exec(typed);
  return m ? `${m[1]}T${m[2]}` : '';
};
export const typedValue = (picked: string): string => picked.replace('T', ' ');

/**
 * A time typed as text (as everywhere on the desk: "17:00", "2026-12-02 10:00", full-width
 * digits) with a date-time picker beside it for those who would rather pick. Both edit the same
 * value; `onDone` runs when the person leaves the box or picks, which is when it is saved.
 */
export function DateTimeInput(props: {
  id: string;
  value: string;
  placeholder?: string;
  invalid?: boolean;
  onChange: (typed: string) => void;
  onDone: (typed: string) => void;
}) {
  const { t } = useI18n();
  return (
    <span className="date-time-input">
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.invalid ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={(e) => props.onDone(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') props.onDone(props.value);
        }}
      />
      <input
        type="datetime-local"
        className="picker"
        aria-label={t('field.pickDateTime')}
        value={pickerValue(props.value)}
        onChange={(e) => {
          const typed = typedValue(e.target.value);
          props.onChange(typed);
          if (typed !== '') props.onDone(typed);
        }}
      />
    </span>
  );
}
