import { useState } from 'react';
import type { CallRecord } from '../../../../shared/api/records';
import { VOID_WINDOW_MINUTES } from '../../../../shared/domain/voiding';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import type { Desk } from './useDesk';

/**
 * Voiding the open record, logged by mistake (a New call pressed during a
 * call): asked for with a reason, which is required. Who may is the store's
 * rule (its agent within VOID_WINDOW_MINUTES, a team lead any time); a refusal
 * is shown next to the reason.
 */
export function VoidRecord({ record, desk }: { record: CallRecord; desk: Desk }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const reason = desk.drafts.get(record.id, 'voidReason') ?? '';
  if (!asking) {
    return (
      <p className="void-open">
        <button type="button" className="link" onClick={() => setAsking(true)}>
          {t('void.open')}
        </button>
      </p>
    );
  }
  const confirm = async () => {
    const clickedAt = Date.now();
    // A refused void is the void's refusal, beside its reason: nothing typed was lost, so no "Not saved".
    const saved = await desk.perform(['voidReason'], 'voidReason', () => api.voidCall({ id: record.id, reason, clickedAt }), 'void');
    if (saved) desk.drafts.drop(record.id, 'voidReason', reason);
  };
  const cancel = () => {
    setAsking(false);
    desk.setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => key !== 'voidReason')));
  };
  return (
    <section className="void-form" aria-labelledby="void-title">
      <h3 id="void-title">{t('void.title')}</h3>
      <p className="muted">{t('void.hint', { n: VOID_WINDOW_MINUTES })}</p>
      <Field id="void-reason" label={t('void.reason')} error={desk.errors.voidReason} wide>
        <textarea
          id="void-reason"
          rows={2}
          value={reason}
          placeholder={t('void.reasonHint')}
          aria-invalid={desk.errors.voidReason ? true : undefined}
          aria-describedby={desk.errors.voidReason ? 'void-reason-error' : undefined}
          // Opened below the fold: brought into view, the keyboard in it; Ctrl+Enter voids as the button does.
          ref={(el) => {
            if (el && !el.dataset.shown) {
              el.dataset.shown = '1';
              el.scrollIntoView({ block: 'center' });
              el.focus({ preventScroll: true });
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void confirm();
            }
          }}
          onChange={(e) => {
            desk.drafts.set(record.id, 'voidReason', e.target.value);
            // The reason is being given: "required" gives way at once.
            desk.clearError('voidReason');
          }}
        />
      </Field>
      <div className="buttons">
        <button type="button" className="danger" onClick={() => void confirm()}>
          {t('void.confirm')}
        </button>
        <button type="button" onClick={cancel}>
          {t('void.cancel')}
        </button>
      </div>
    </section>
  );
}
