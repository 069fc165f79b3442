import { useEffect, useId, useRef } from 'react';

/**
 * A small modal question with two answers, for the keyboard: the confirm
 * button has the focus when it opens, so Enter confirms (Enter on a button the
 * agent tabbed to presses that one), and Escape cancels.
 */
export function ConfirmDialog(props: { title: string; body: string; confirm: string; cancel: string; onAnswer: (confirmed: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog card"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        // Escape, as the browser handles it: answered here, so the dialog closes with the component.
        e.preventDefault();
        props.onAnswer(false);
      }}
      onKeyDown={(e) => {
        const onButton = e.target instanceof HTMLButtonElement;
        if (e.key === 'Escape' || (e.key === 'Enter' && !onButton)) {
          e.preventDefault();
          e.stopPropagation();
          props.onAnswer(e.key === 'Enter');
        }
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p id={bodyId}>{props.body}</p>
      <div className="buttons">
        <button type="button" className="primary" autoFocus onClick={() => props.onAnswer(true)}>
          {props.confirm}
        </button>
        <button type="button" onClick={() => props.onAnswer(false)}>
          {props.cancel}
        </button>
      </div>
    </dialog>
  );
}
