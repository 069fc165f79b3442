import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { focusCallField, type FieldFocus } from '../../keyboard/focusCallField';
import { stepKey } from '../../keyboard/stepKeys';
import type { Desk } from './useDesk';
import { useShortcuts } from './useShortcuts';

interface Action {
  key: string;
  label: MessageKey;
  letter: string;
  enabled: boolean;
  /** `clickedAt`: when the button was pressed; the store logs the moment then, also when it had to retry. */
  run: (clickedAt: number) => Promise<unknown>;
}

/**
 * The one-click moments of a call, each with an Alt+letter shortcut. A time
 * typed in "At" (read off the phone when logging late) applies to the next
 * click; blank means now.
 */
export function ActionBar({ desk }: { desk: Desk }) {
  const { t } = useI18n();
  const { record, errors, perform } = desk;
  const [at, setAt] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const [step, setStep] = useState('');
  const stepBox = useRef<HTMLTextAreaElement>(null);
  /** Where the keyboard goes once the record a moment returned is on screen. */
  const [focusAfter, setFocusAfter] = useState<{ id: number; mode: FieldFocus } | null>(null);
  useEffect(() => {
    if (focusAfter && record?.id === focusAfter.id) {
      focusCallField(focusAfter.mode);
      setFocusAfter(null);
    }
  }, [focusAfter, record]);
  /** One action at a time: a double click on New call must not log two calls. */
  const busy = useRef(false);
  const once = async (run: (clickedAt: number) => Promise<unknown>) => {
    // Read at the press itself, before anything waits.
    const clickedAt = Date.now();
    if (busy.current) return;
    busy.current = true;
    try {
      await run(clickedAt);
    } finally {
      busy.current = false;
    }
  };
  /** The result box shows a choice the store refused: closing now would close with the stored one instead. */
  const resultUnsaved = ['result', 'followUpDue', 'followUpOwner', 'resultNote'].some((key) => errors[key]);

  const timed = async (run: (at: string | undefined) => Promise<unknown>) => {
    const used = at;
    const saved = await run(used.trim() === '' ? undefined : used);
    // Clear only the time this click used: one typed meanwhile for the next click stays.
    if (saved) setAt((current) => (current === used ? '' : current));
  };
  const id = record?.id ?? 0;
  const open = record !== null && record.closedAt === null;
  const pendingTransfer = record?.transfers.some((tr) => tr.answeredAt === null) ?? false;
  const timeFields = ['at', 'actions'];
  const addStep = async (c: number) => {
    const saved = await perform(['step'], 'step', (r) => api.addStep({ id, text: step, changeReason: r, clickedAt: c }));
    if (saved) {
      setStep('');
      // The next step is typed straight away.
      stepBox.current?.focus();
    }
    return saved;
  };

  const actions: Action[] = [
    {
      key: 'new',
      label: 'desk.newCall',
      letter: 'N',
      enabled: true,
      run: (c) =>
        timed(async (a) => {
          const saved = await perform(timeFields, 'at', () => api.startCall({ at: a, clickedAt: c }));
          if (saved) setFocusAfter({ id: saved.id, mode: 'first' });
          return saved;
        }),
    },
    {
      key: 'answer',
      label: 'desk.answer',
      letter: 'A',
      enabled: open && record.answeredAt === null,
      run: (c) =>
        timed(async (a) => {
          const saved = await perform(timeFields, 'at', (r) => api.answerCall({ id, at: a, changeReason: r, clickedAt: c }));
          if (saved) setFocusAfter({ id: saved.id, mode: 'firstEmpty' });
          return saved;
        }),
    },
    {
      key: 'transfer',
      label: 'desk.transfer',
      letter: 'T',
      enabled: open && record.answeredAt !== null && !pendingTransfer,
      run: (c) =>
        timed(async (a) => {
          const saved = await perform([...timeFields, 'transferTo'], 'transferTo', (r) => api.transferCall({ id, to: transferTo, at: a, changeReason: r, clickedAt: c }));
          if (saved) setTransferTo('');
          return saved;
        }),
    },
    {
      key: 'transferAnswered',
      label: 'desk.transferAnswered',
      letter: 'R',
      enabled: pendingTransfer,
      run: (c) => timed((a) => perform([...timeFields, 'transferTo'], 'at', (r) => api.answerTransfer({ id, at: a, changeReason: r, clickedAt: c }))),
    },
    {
      key: 'step',
      label: 'desk.addStep',
      letter: 'S',
      enabled: record !== null,
      // With nothing typed yet, Alt+S only takes the keyboard to the step box.
      run: async (c) => {
        if (step.trim() === '') return stepBox.current?.focus();
        await addStep(c);
      },
    },
    {
      key: 'close',
      label: 'desk.closeCall',
      letter: 'C',
      enabled: open && record.answeredAt !== null,
      run: async (c) => {
        if (resultUnsaved) {
          desk.setErrors((prev) => ({ ...prev, actions: t('desk.resultUnsaved') }));
          return;
        }
        await timed((a) => perform([...timeFields, 'result', 'feedbackReason', 'transferTo', 'missReasons'], 'actions', (r) => api.closeCall({ id, at: a, changeReason: r, clickedAt: c })));
      },
    },
  ];

  const closeAction = actions.find((a) => a.key === 'close')!;
  /** Ctrl+Enter in the step box: the step typed (if any), then the call closed when it may be. */
  const addStepAndClose = async (c: number) => {
    if (step.trim() !== '' && !(await addStep(c))) return;
    if (closeAction.enabled) await closeAction.run(c);
  };
  const onStepKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const key = stepKey(event);
    if (key === 'newline') return;
    event.preventDefault();
    if (key === 'addAndClose') void once(addStepAndClose);
    else if (step.trim() !== '') void once(addStep);
  };

  useShortcuts(Object.fromEntries(actions.map((a) => [a.letter, () => (a.enabled ? void once(a.run) : undefined)])));

  return (
    <section className="action-bar card" aria-label={t('desk.shortcut')}>
      <div className="buttons">
        {actions.map((a) => (
          <button
            key={a.key}
            type="button"
            className={a.key === 'new' ? 'primary' : undefined}
            disabled={!a.enabled}
            title={`${t('desk.shortcut')}: Alt+${a.letter}`}
            aria-keyshortcuts={`Alt+${a.letter}`}
            onClick={() => void once(a.run)}
          >
            {t(a.label)} <kbd aria-hidden="true">Alt+{a.letter}</kbd>
          </button>
        ))}
      </div>
      <div className="action-inputs">
        <Field id="action-at" label={t('desk.at')} error={errors.at}>
          <input id="action-at" value={at} placeholder={t('desk.atHint')} onChange={(e) => setAt(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="action-transfer-to" label={t('desk.transferTo')} error={errors.transferTo}>
          <input id="action-transfer-to" value={transferTo} onChange={(e) => setTransferTo(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="action-step" label={t('desk.stepText')} error={errors.step} wide>
          <textarea
            id="action-step"
            ref={stepBox}
            value={step}
            rows={2}
            placeholder={t('desk.stepHint')}
            aria-describedby="action-step-keys"
            aria-keyshortcuts="Alt+S"
            onChange={(e) => setStep(e.target.value)}
            onKeyDown={onStepKey}
          />
          <p className="field-hint" id="action-step-keys">
            {t('desk.stepKeys')}
          </p>
        </Field>
      </div>
      {errors.actions && (
        <p className="error" role="alert">
          {errors.actions}
        </p>
      )}
    </section>
  );
}
