import type { ReactNode } from 'react';

/** A labelled input with its error shown right next to it (and announced to screen readers). */
export function Field(props: { id: string; label: string; error?: string | undefined; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <p className="field-error" role="alert" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
