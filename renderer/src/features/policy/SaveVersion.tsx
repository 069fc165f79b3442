import { useEffect, useState } from 'react';
import type { PolicyImpact, SavedPolicy } from '../../../../shared/api/policy';
import type { ApiError } from '../../../../shared/api/result';
import { effectiveFromDate } from '../../../../shared/policy/effectiveFrom';
import type { Policy } from '../../../../shared/policy/schema';
import { localDate } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { spanLine } from './spanText';

/** Errors shown next to the field they belong to; anything else under the button. */
type Errors = { effectiveFrom?: string; reason?: string; other: string[] };

/**
 * The save card: an "Effective from" date (empty: from now), and for a past
 * date the preview of what the save would re-judge (records, due times,
 * verdicts, signed-off days) before anything changes; a reason, required when
 * a signed-off day's records change (a due time or a verdict). Save stays disabled until the preview for
 * exactly this draft and date has been shown.
 */
export function SaveVersion({ draft, valid, onSaved }: { draft: Policy; valid: boolean; onSaved: (saved: SavedPolicy, backdated: boolean) => void }) {
  const { t, errorText } = useI18n();
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  const [impact, setImpact] = useState<{ key: string; value: PolicyImpact } | null>(null);
  const [errors, setErrors] = useState<Errors>({ other: [] });
  const [busy, setBusy] = useState(false);
  const zone = draft.calendar.timeZone;
  const date = effectiveFrom.trim();
  const key = JSON.stringify([draft, date]);
  // Checked as typed, by the rule the handler applies; the handler checks again.
  const typed = date === '' ? null : effectiveFromDate(date, zone, Date.now());
  const dateError = typed && !typed.ok ? t(typed.problem === 'future' ? 'error.effective_from_future' : 'error.effective_from_invalid') : undefined;
  const backdated = date !== '' && typed?.ok === true;
  const shown = impact?.key === key ? impact.value : null;
  const touchesSignedOff = (shown?.signedOffDays.length ?? 0) > 0;

  useEffect(() => {
    if (!backdated || !valid) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.previewPolicy({ policy: draft, effectiveFrom: date }).then((r) => {
        if (!live) return;
        if (r.ok) setImpact({ key, value: r.value });
        else setErrors(placed(r.error, errorText));
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [backdated, valid, draft, date, key, errorText]);

  const save = async () => {
    if (touchesSignedOff && reason.trim() === '') {
      setErrors({ reason: t('policy.reasonRequired'), other: [] });
      return;
    }
    setBusy(true);
    const r = await api.savePolicy({ policy: draft, ...(date === '' ? {} : { effectiveFrom: date }), ...(reason.trim() === '' ? {} : { reason }) });
    setBusy(false);
    if (!r.ok) {
      setErrors(placed(r.error, errorText));
      return;
    }
    setErrors({ other: [] });
    setImpact(null);
    setReason('');
    // The next save is in force from now unless a date is typed again.
    setEffectiveFrom('');
    onSaved(r.value, date !== '');
  };

  const disabled = !valid || busy || dateError !== undefined || (backdated && !shown);
  return (
    <section className="card save-version">
      <Field id="effective-from" label={t('policy.effectiveFrom')} error={dateError ?? errors.effectiveFrom}>
        <input
          id="effective-from"
          type="date"
          max={localDate(Date.now(), zone)}
          value={effectiveFrom}
          aria-describedby="effective-from-hint"
          onChange={(e) => {
            setEffectiveFrom(e.target.value);
            setErrors({ other: [] });
          }}
        />
      </Field>
      <p className="muted" id="effective-from-hint">
        {t('policy.effectiveFromHint')}
      </p>
      {backdated && valid && (
        <div className="impact" data-testid="policy-impact" aria-live="polite">
          <h3>{t('policy.impactTitle')}</h3>
          {shown ? <ImpactText impact={shown} /> : <p className="muted">{t('policy.impactLoading')}</p>}
        </div>
      )}
      {(touchesSignedOff || errors.reason !== undefined) && (
        <Field id="policy-reason" label={t('policy.reason')} error={errors.reason}>
          <textarea id="policy-reason" rows={2} value={reason} aria-describedby="policy-reason-hint" onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}
      {touchesSignedOff && (
        <p className="muted" id="policy-reason-hint">
          {t('policy.reasonHint')}
        </p>
      )}
      {errors.other.length > 0 && (
        <ul role="alert" className="problems">
          {errors.other.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" disabled={disabled} onClick={() => void save()}>
        {t('policy.save')}
      </button>
    </section>
  );
}

function ImpactText({ impact }: { impact: PolicyImpact }) {
  const { t } = useI18n();
  const zone = impact.timeZone;
  const days = impact.signedOffDays.map((d) => t('policy.dayRecords', { date: d.localDate, n: d.records })).join(', ');
  return (
    <ul className="impact-list">
      <li>{spanLine(impact.effectiveFrom, impact.effectiveUntil, zone, t)}</li>
      <li data-testid="impact-records">{t('policy.impactRecords', { n: impact.records })}</li>
      <li>{t('policy.impactDue', { n: impact.dueTimesChanged })}</li>
      <li>{t('policy.impactVerdicts', { n: impact.verdictsChanged })}</li>
      <li data-testid="impact-signed-off">{days === '' ? t('policy.impactNoSignedOff') : t('policy.impactSignedOff', { days })}</li>
    </ul>
  );
}

/** An error from the API, placed next to the field it names. */
function placed(error: ApiError, errorText: (e: ApiError) => string): Errors {
  if (error.field === 'effectiveFrom') return { effectiveFrom: errorText(error), other: [] };
  if (error.field === 'reason') return { reason: errorText(error), other: [] };
  // A refusal with its code is said whole in the page's language; the schema's problem lines are the file's own words.
  return { other: error.refusal || !error.problems ? [errorText(error)] : error.problems };
}
