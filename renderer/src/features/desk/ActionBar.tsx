import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import { callFlowOf, flowRefusal, type CallMoment, type FlowRefusalCode, type MomentVerdict } from '../../../../shared/domain/callFlow';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { RESULT_FIELDS } from './fieldPlaces';
import { NO_CALL } from './useCallDrafts';
import { focusCallField, type FieldFocus } from '../../keyboard/focusCallField';
import { stepKey } from '../../keyboard/stepKeys';
import type { Desk } from './useDesk';
import { useShortcuts } from './useShortcuts';

interface Action {
  key: CallMoment;
  label: MessageKey;
  letter: string;
  /** The call-flow rule's verdict for the record on screen: the button is enabled exactly when the handler would accept it. */
  enabled: boolean;
  /** Why it is disabled, in the page's language (its tooltip); null when enabled. */
  why: string | null;
  /** `clickedAt`: when the button was pressed; the store logs the moment then, also when it had to retry. */
  run: (clickedAt: number) => Promise<unknown>;
}

/**
 * The one-click moments of a call, each with an Alt+letter shortcut. A time
 * typed in "At" (read off the phone when logging late) applies to the next
 * click; blank means now. What is typed in these boxes belongs to the open
 * call (useCallDrafts), and New call while a call is open asks first.
 */
export function ActionBar({ desk }: { desk: Desk }) {
  const { t, errorText } = useI18n();
  const { record, errors, perform, drafts, refusal } = desk;
  const id = record?.id ?? NO_CALL;
  const at = drafts.get(id, 'at') ?? '';
  const transferTo = drafts.get(id, 'transferTo') ?? '';
  const step = drafts.get(id, 'step') ?? '';
  /** The answer to "start a new call?", while it is asked. */
  const [asking, setAsking] = useState<((confirmed: boolean) => void) | null>(null);
  const ask = () => new Promise<boolean>((resolve) => setAsking(() => resolve));
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
  const resultUnsaved = RESULT_FIELDS.find((key) => errors[key]);

  const timed = async (run: (at: string | undefined) => Promise<unknown>) => {
    const [used, usedFor] = [at, id];
    const saved = await run(used.trim() === '' ? undefined : used);
    // Clear only the time this click used: one typed meanwhile for the next click stays.
    if (saved) drafts.drop(usedFor, 'at', used);
  };
  /** A voided record is read-only: only New call is left. */
  const voided = record?.voided != null;
  const open = record !== null && record.closedAt === null && !voided;
  /** Which moments the record on screen allows now: the same rule the handlers refuse with. */
  const flow = record ? callFlowOf(record) : null;
  // With no call open only New call may be pressed (the others say so: desk.noCall, not this code).
  const verdictOf = (moment: CallMoment): MomentVerdict => (flow ? flow[moment] : moment === 'start' ? { allowed: true } : { allowed: false, code: 'not_answered' });
  const refusalOf = (code: FlowRefusalCode) => {
    const refused = flowRefusal(record!, code);
    return { field: refused.field ?? null, message: errorText({ ...refused, message: '' }) };
  };
  const whyNot = (moment: CallMoment): string | null => {
    const verdict = verdictOf(moment);
    if (verdict.allowed) return null;
    return record ? refusalOf(verdict.code).message : t('desk.noCall');
  };
  const rule = (moment: CallMoment) => ({ enabled: verdictOf(moment).allowed, why: whyNot(moment) });
  const timeFields = ['at', 'actions'];
  const addStep = async (c: number) => {
    // The step typed for this call, sent to this call: never to one opened since.
    const saved = await perform(['step'], 'step', (r) => api.addStep({ id, text: step, changeReason: r, clickedAt: c }), 'addStep');
    if (saved) {
      drafts.drop(id, 'step', step);
      // The next step is typed straight away.
      stepBox.current?.focus();
    }
    return saved;
  };

  const actions: Action[] = [
    {
      key: 'start',
      label: 'desk.newCall',
      letter: 'N',
      ...rule('start'),
      run: async (c) => {
        // The open call's work is not to slip onto a new record unseen: ask first; the open call stays open.
        if (open && !(await ask())) return;
        await timed(async (a) => {
          const saved = await perform(timeFields, 'at', () => api.startCall({ at: a, clickedAt: c }), 'start');
          if (saved) setFocusAfter({ id: saved.id, mode: 'first' });
          return saved;
        });
      },
    },
    {
      key: 'answer',
      label: 'desk.answer',
      letter: 'A',
      ...rule('answer'),
      run: (c) =>
        timed(async (a) => {
          const saved = await perform(timeFields, 'at', (r) => api.answerCall({ id, at: a, changeReason: r, clickedAt: c }), 'answer');
          if (saved) setFocusAfter({ id: saved.id, mode: 'firstEmpty' });
          return saved;
        }),
    },
    {
      key: 'transfer',
      label: 'desk.transfer',
      letter: 'T',
      ...rule('transfer'),
      run: (c) =>
        timed(async (a) => {
          const saved = await perform([...timeFields, 'transferTo'], 'transferTo', (r) => api.transferCall({ id, to: transferTo, at: a, changeReason: r, clickedAt: c }), 'transfer');
          if (saved) drafts.drop(id, 'transferTo', transferTo);
          return saved;
        }),
    },
    {
      key: 'answerTransfer',
      label: 'desk.transferAnswered',
      letter: 'R',
      ...rule('answerTransfer'),
      run: (c) => timed((a) => perform([...timeFields, 'transferTo'], 'at', (r) => api.answerTransfer({ id, at: a, changeReason: r, clickedAt: c }), 'answerTransfer')),
    },
    {
      key: 'addStep',
      label: 'desk.addStep',
      letter: 'S',
      ...rule('addStep'),
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
      ...rule('close'),
      run: async (c) => {
        if (resultUnsaved) {
          desk.refuse('close', resultUnsaved, t('desk.resultUnsaved'));
          return;
        }
        // Reached by Alt+C or Ctrl+Enter while the button is disabled: say why beside it, as a refused press did.
        const verdict = verdictOf('close');
        if (!verdict.allowed) {
          const { field, message } = refusalOf(verdict.code);
          if (field !== null) desk.setErrors((prev) => ({ ...prev, [field]: message }));
          desk.refuse('close', field, message, field !== null);
          return;
        }
        await timed((a) =>
          perform([...timeFields, 'result', 'feedbackReason', 'transferTo', 'missReasons'], 'actions', (r) => api.closeCall({ id, at: a, changeReason: r, clickedAt: c }), 'close'),
        );
      },
    },
  ];

  const closeAction = actions.find((a) => a.key === 'close')!;
  /** Ctrl+Enter in the step box: the step typed (if any), then the call closed, or why it may not be yet. */
  const addStepAndClose = async (c: number) => {
    if (step.trim() !== '' && !(await addStep(c))) return;
    if (open) await closeAction.run(c);
  };
  const onStepKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const key = stepKey(event);
    if (key === 'newline') return;
    event.preventDefault();
    if (key === 'addAndClose') void once(addStepAndClose);
    else if (step.trim() !== '') void once(addStep);
  };

  // Alt+C on a disabled Close still answers: the keyboard cannot hover for the tooltip, so it says why beside the button.
  const pressable = (a: Action) => a.enabled || (a.key === 'close' && open);
  useShortcuts(Object.fromEntries(actions.map((a) => [a.letter, () => (pressable(a) ? void once(a.run) : undefined)])));

  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const [refusalInset, setRefusalInset] = useState(0);
  // The refusal reads under the button that was pressed; kept to the bar's width however far right that button is.
  useLayoutEffect(() => {
    const pressed = refusal ? buttons.current[refusal.action] : null;
    const bar = pressed?.parentElement;
    setRefusalInset(pressed && bar ? Math.min(pressed.offsetLeft - bar.offsetLeft, bar.clientWidth * 0.45) : 0);
  }, [refusal]);

  return (
    <section className="action-bar card" aria-label={t('desk.shortcut')}>
      <div className="buttons">
        {actions.map((a) => (
          <button
            key={a.key}
            ref={(el) => {
              buttons.current[a.key] = el;
            }}
            type="button"
            className={a.key === 'start' ? 'primary' : undefined}
            disabled={!a.enabled}
            // A disabled button says why first, then its shortcut (Alt+C still says why beside it).
            title={`${a.why === null ? '' : `${a.why}\n`}${t('desk.shortcut')}: Alt+${a.letter}`}
            aria-keyshortcuts={`Alt+${a.letter}`}
            aria-describedby={refusal?.action === a.key ? 'action-refusal' : undefined}
            onClick={() => void once(a.run)}
          >
            {t(a.label)} <kbd aria-hidden="true">Alt+{a.letter}</kbd>
          </button>
        ))}
      </div>
      {refusal && actions.some((a) => a.key === refusal.action) && (
        // Announced here unless the field beside its cause shows the same message (that one is the alert then).
        <p
          className="error action-refusal"
          id="action-refusal"
          data-testid="action-refusal"
          data-action={refusal.action}
          role={refusal.echoed ? undefined : 'alert'}
          style={{ marginLeft: refusalInset }}
        >
          {refusal.message}
        </p>
      )}
      <div className="action-inputs">
        <Field id="action-at" label={t('desk.at')} error={errors.at}>
          <input id="action-at" value={at} placeholder={t('desk.atHint')} onChange={(e) => {
              drafts.set(id, 'at', e.target.value);
              desk.clearError('at');
            }} autoComplete="off" />
        </Field>
        <Field id="action-transfer-to" label={t('desk.transferTo')} error={errors.transferTo}>
          <input id="action-transfer-to" value={transferTo} disabled={voided} onChange={(e) => {
              drafts.set(id, 'transferTo', e.target.value);
              desk.clearError('transferTo');
            }} autoComplete="off" />
        </Field>
        <Field id="action-step" label={t('desk.stepText')} error={errors.step}>
          <textarea
            id="action-step"
            ref={stepBox}
            value={step}
            rows={2}
            placeholder={t('desk.stepHint')}
            aria-describedby="action-step-keys"
            aria-keyshortcuts="Alt+S"
            disabled={voided}
            onChange={(e) => {
              drafts.set(id, 'step', e.target.value);
              desk.clearError('step');
            }}
            onKeyDown={onStepKey}
          />
          <p className="field-hint" id="action-step-keys">
            {t('desk.stepKeys')}
          </p>
        </Field>
      </div>
      {asking && record && (
        <ConfirmDialog
          title={t('newCall.confirmTitle')}
          body={t('newCall.confirmBody', { recordNo: record.recordNo })}
          confirm={t('newCall.confirm')}
          cancel={t('newCall.cancel')}
          onAnswer={(confirmed) => {
            setAsking(null);
            asking(confirmed);
          }}
        />
      )}
    </section>
  );
}
