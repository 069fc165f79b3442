import { useCallback, useEffect, useState } from 'react';
import type { PolicyTrailEntry, SavedPolicy } from '../../../../shared/api/policy';
import { CATEGORIES } from '../../../../shared/domain/fields';
import type { MessageKey } from '../../../../shared/i18n';
import { FOUR_LEVELS, THREE_LEVELS } from '../../../../shared/policy/defaults';
import { policySchema, type Policy } from '../../../../shared/policy/schema';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { CalendarEditor } from './CalendarEditor';
import { DurationInput } from './DurationInput';
import { PolicyHistory } from './PolicyHistory';
import { PolicyPreview } from './PolicyPreview';
import { SaveVersion } from './SaveVersion';
import { policyIssueText } from './issueText';
import { startText } from './spanText';
import { PriorityLevels } from './PriorityLevels';
import { usePolicies } from './usePolicies';

const PROCESS_TARGETS = ['secondResponse', 'transferWithin', 'resultToldWithin', 'callbackWithin', 'leadFollowUpWithin'] as const;

/**
 * The admin's Policy screen: every value of the timing policy, validated as it
 * is typed (by the same schema the store applies), with a live preview. Saving
 * makes a new version, in force from now (records already logged keep theirs)
 * or from a past date (the records since are re-judged, after a preview).
 * While the desk is linked to a team server that manages the policy, the
 * screen shows it read-only: the team's admin changes it on the server.
 */
export function PolicyScreen() {
  const { current } = usePolicies();
  if (!current) return null;
  // Not keyed by version: after a save the form stays as it was, with its confirmation.
  return <PolicyForm initial={current.policy} version={current.version} readOnly={current.managedByTeam === true} />;
}

function PolicyForm({ initial, version, readOnly }: { initial: Policy; version: number; readOnly: boolean }) {
  const { t, lang } = useI18n();
  const { setCurrent } = usePolicies();
  const [draft, setDraft] = useState<Policy>(initial);
  // What was saved, kept as data so the note follows a change of language.
  const [saved, setSaved] = useState<{ value: SavedPolicy; backdated: boolean } | null>(null);
  const [history, setHistory] = useState<PolicyTrailEntry[]>([]);
  const check = policySchema.safeParse(draft);
  const problems = check.success ? [] : check.error.issues.map((i) => ({ path: i.path.join('.'), ...policyIssueText(i, draft, t, lang) }));
  const invalid = (path: string) => problems.some((p) => p.path === path || p.path.startsWith(`${path}.`));
  const edit = (next: Policy) => {
    setDraft(next);
    setSaved(null);
  };
  const loadHistory = useCallback(() => void api.policyHistory({}).then((r) => r.ok && setHistory(r.value)), []);
  useEffect(loadHistory, [loadHistory]);

  const onSaved = async (value: SavedPolicy, backdated: boolean) => {
    // "Current" is the version in force now: a back-dated one may end where a later one starts.
    const current = await api.getPolicy({});
    setCurrent(current.ok ? current.value : value);
    loadHistory();
    setSaved({ value, backdated });
  };
  const savedNote = (s: { value: SavedPolicy; backdated: boolean }) => [
    s.backdated
      ? t('policy.savedBackdated', { version: s.value.version, from: startText(s.value.effectiveFrom, s.value.policy.calendar.timeZone, t), n: s.value.recordsRejudged, v: s.value.verdictsChanged })
      : t('policy.saved', { version: s.value.version }),
    ...(s.value.inForceNow ? [] : [t('policy.notInForceNow')]),
  ].join(' ');

  return (
    <main className="policy">
      <section className="card">
        {readOnly && (
          <p className="team-managed" role="note">
            {t('policy.managedByTeam')}
          </p>
        )}
        {/* A disabled fieldset disables every field and button of the form at once. */}
        <fieldset className="policy-fields" disabled={readOnly}>
          <header className="policy-head">
            <h2>{t('policy.title', { version })}</h2>
            <div className="inline">
              <button type="button" onClick={() => edit({ ...draft, priorities: THREE_LEVELS, defaultPriority: 'general' })}>
                {t('policy.presetThree')}
              </button>
              <button type="button" onClick={() => edit({ ...draft, priorities: FOUR_LEVELS, defaultPriority: 'medium' })}>
                {t('policy.presetFour')}
              </button>
            </div>
          </header>
          <h3>{t('policy.levels')}</h3>
          <PriorityLevels draft={draft} invalid={invalid} onChange={edit} />
          <div className="inline">
            <button
              type="button"
              onClick={() => edit({ ...draft, priorities: [...draft.priorities, { key: `level${draft.priorities.length + 1}`, label: { zh: '新级别', en: 'New level' }, response: { amount: 1, unit: 'hours' }, resolution: { amount: 1, unit: 'workingDays' }, progressEvery: { amount: 1, unit: 'workingDays' } }] })}
            >
              {t('policy.addLevel')}
            </button>
            <Field id="default-priority" label={t('policy.defaultPriority')}>
              <select id="default-priority" value={draft.defaultPriority} onChange={(e) => edit({ ...draft, defaultPriority: e.target.value })}>
                {draft.priorities.map((l) => (
                  <option key={l.key} value={l.key}>
                    {/* The level's name in the page's language; its key is data (urgent, important…). */}
                    {l.label[lang]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <h3>{t('policy.process')}</h3>
          <div className="process-grid">
            {PROCESS_TARGETS.map((key) => (
              <Field key={key} id={`proc-${key}`} label={t(`policy.${key}` as MessageKey)}>
                <DurationInput id={`proc-${key}`} label={t(`policy.${key}` as MessageKey)} value={draft[key]} invalid={invalid(key)} onChange={(d) => edit({ ...draft, [key]: d })} />
              </Field>
            ))}
            <Field id="low-score" label={t('policy.lowScoreAtMost')} error={invalid('lowScoreAtMost') ? t('policy.scoreRange') : undefined}>
              <input id="low-score" type="number" min={1} max={5} value={draft.lowScoreAtMost} onChange={(e) => edit({ ...draft, lowScoreAtMost: Number(e.target.value) })} />
            </Field>
            <Field id="warning-at" label={t('policy.warningAt')} error={invalid('warningAt') ? t('policy.percentRange') : undefined}>
              <input id="warning-at" type="number" min={1} max={99} value={Math.round(draft.warningAt * 100)} onChange={(e) => edit({ ...draft, warningAt: Number(e.target.value) / 100 })} />
            </Field>
          </div>
          <h3>{t('policy.rates')}</h3>
          <div className="process-grid">
            {CATEGORIES.map((category) => (
              <Field key={category} id={`rate-${category}`} label={t(`category.${category}` as MessageKey)}>
                <input
                  id={`rate-${category}`}
                  type="number"
                  min={0}
                  max={100}
                  placeholder="—"
                  value={draft.resolutionRateTargets[category] ?? ''}
                  onChange={(e) => {
                    const rates = { ...draft.resolutionRateTargets };
                    if (e.target.value === '') delete rates[category];
                    else rates[category] = Number(e.target.value);
                    edit({ ...draft, resolutionRateTargets: rates });
                  }}
                />
              </Field>
            ))}
          </div>
          <h3>{t('policy.calendar')}</h3>
          <CalendarEditor draft={draft} invalid={invalid} onChange={edit} />
        </fieldset>
      </section>
      <aside className="policy-side">
        <PolicyPreview draft={draft} valid={check.success} />
        {problems.length > 0 && (
          <section className="card">
            <div role="alert" className="problems">
              <strong>{t('policy.problems')}</strong>
              <ul>
                {problems.map((p) => (
                  <li key={p.path + p.what}>
                    <strong>{p.where || t('policy.title', { version })}</strong>
                    {t('policy.issueSeparator')}
                    {p.what}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        )}
        {!readOnly && <SaveVersion draft={draft} valid={check.success} onSaved={(v, backdated) => void onSaved(v, backdated)} />}
        {saved && (
          <p className="saved-note" role="status">
            {savedNote(saved)}
          </p>
        )}
        <PolicyHistory entries={history} />
      </aside>
    </main>
  );
}
