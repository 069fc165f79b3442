import { useState } from 'react';
import { Field } from './Field';

/**
 * Text saved when the agent leaves the field. What was typed stays in the box
 * when saving fails, next to the error; after a save the box shows what was
 * stored (e.g. only a phone number's last four digits).
 */
export function SavedTextField(props: {
  id: string;
  label: string;
  value: string | null;
  /** Resolves to the stored value, or undefined when the save failed. */
  onSave: (typed: string) => Promise<string | null | undefined>;
  error?: string | undefined;
  placeholder?: string;
  multiline?: boolean;
  wide?: boolean;
  list?: string;
  onType?: (typed: string) => void;
  /** What was typed and not saved, kept outside (per call on the desk): shown instead of the value when there is one. */
  draft?: string | undefined;
  onDraft?: (typed: string | undefined) => void;
}) {
  const [draft, setDraftState] = useState(props.draft ?? props.value ?? '');
  const setDraft = (typed: string) => {
    setDraftState(typed);
    props.onDraft?.(typed === (props.value ?? '') ? undefined : typed);
  };
  const save = async () => {
    // Unchanged needs no save, unless the last save failed: going back to the stored text then clears the error.
    if (draft === (props.value ?? '') && !props.error) return;
    const stored = await props.onSave(draft);
    if (stored !== undefined) {
      setDraftState(stored ?? '');
      props.onDraft?.(undefined);
    }
  };
  const common = {
    id: props.id,
    value: draft,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? `${props.id}-error` : undefined,
    onBlur: () => void save(),
  };
  return (
    <Field id={props.id} label={props.label} error={props.error} wide={props.wide}>
      {props.multiline ? (
        <textarea {...common} rows={2} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          list={props.list}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            props.onType?.(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
        />
      )}
    </Field>
  );
}
