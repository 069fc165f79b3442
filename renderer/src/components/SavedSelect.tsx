import type { ReactNode } from 'react';
import { useOptimisticChoice } from '../keyboard/useOptimisticChoice';

/**
 * A plain <select> saved as soon as it changes, showing the option picked while the save
 * runs (see useOptimisticChoice). `onSave` resolves to something falsy when refused.
 */
export function SavedSelect(props: { id: string; value: string; onSave: (value: string) => Promise<unknown>; invalid?: boolean; children: ReactNode }) {
  const [shown, pick] = useOptimisticChoice(props.value, async (value) => Boolean(await props.onSave(value)));
  return (
    <select id={props.id} value={shown} aria-invalid={props.invalid ? true : undefined} onChange={(e) => pick(e.target.value)}>
      {props.children}
    </select>
  );
}
