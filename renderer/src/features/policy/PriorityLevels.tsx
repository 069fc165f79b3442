import type { Policy, PriorityLevel } from '../../../../shared/policy/schema';
import { useI18n } from '../../i18n';
import { DurationInput } from './DurationInput';

const TARGETS = ['response', 'resolution', 'progressEvery'] as const;

/** Priority levels with their response, resolution and progress-update targets. */
export function PriorityLevels({ draft, invalid, onChange }: { draft: Policy; invalid: (path: string) => boolean; onChange: (p: Policy) => void }) {
  const { t, lang } = useI18n();
  const setLevel = (i: number, level: PriorityLevel) => onChange({ ...draft, priorities: draft.priorities.map((l, j) => (j === i ? level : l)) });
  return (
    <table className="policy-table">
      <thead>
        <tr>
          <th>{t('policy.key')}</th>
          <th>中文</th>
          <th>English</th>
          <th>{t('policy.response')}</th>
          <th>{t('policy.resolution')}</th>
          <th>{t('policy.progressEvery')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {draft.priorities.map((level, i) => {
          const name = level.label[lang];
          return (
            <tr key={i}>
              <td className={invalid(`priorities.${i}.key`) ? 'field-invalid' : ''}>
                <input aria-label={t('policy.keyOf', { level: name })} value={level.key} onChange={(e) => setLevel(i, { ...level, key: e.target.value })} />
              </td>
              <td>
                <input aria-label={`${name} 中文`} value={level.label.zh} onChange={(e) => setLevel(i, { ...level, label: { ...level.label, zh: e.target.value } })} />
              </td>
              <td>
                <input aria-label={`${name} English`} value={level.label.en} onChange={(e) => setLevel(i, { ...level, label: { ...level.label, en: e.target.value } })} />
              </td>
              {TARGETS.map((target) => (
                <td key={target}>
                  <DurationInput
                    id={`p-${i}-${target}`}
                    label={`${name} ${t(`policy.${target}`)}`}
                    value={level[target]}
                    invalid={invalid(`priorities.${i}.${target}`)}
                    onChange={(d) => setLevel(i, { ...level, [target]: d })}
                  />
                </td>
              ))}
              <td>
                <button type="button" disabled={draft.priorities.length <= 1} onClick={() => onChange({ ...draft, priorities: draft.priorities.filter((_, j) => j !== i) })}>
                  {t('policy.remove')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
