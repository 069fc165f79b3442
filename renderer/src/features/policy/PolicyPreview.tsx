import { useState } from 'react';
import { DateTime } from 'luxon';
import type { Policy } from '../../../../shared/policy/schema';
import { dueAt } from '../../../../shared/timing/calendar';
import { useI18n } from '../../i18n';

/** The next Friday 17:30 in the policy's zone: the classic awkward moment for a working-time target. */
function nextFridayEvening(zone: string): string {
  let day = DateTime.now().setZone(zone).startOf('day');
  while (day.weekday !== 5) day = day.plus({ days: 1 });
  return day.set({ hour: 17, minute: 30 }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * "A general-priority call at Friday 17:30 is due Wednesday 17:30": the draft
 * policy applied to a sample call, by the same core that judges real records.
 */
export function PolicyPreview({ draft, valid }: { draft: Policy; valid: boolean }) {
  const { t, lang } = useI18n();
  const [levelKey, setLevelKey] = useState(draft.defaultPriority);
  const [start, setStart] = useState(() => nextFridayEvening(draft.calendar.timeZone));
  const level = draft.priorities.find((l) => l.key === levelKey) ?? draft.priorities[0];
  const startAt = DateTime.fromISO(start, { zone: draft.calendar.timeZone });
  let sentence = t('policy.previewInvalid');
  if (valid && level && startAt.isValid) {
    const show = (ms: number) => DateTime.fromMillis(ms, { zone: draft.calendar.timeZone }).setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB').toFormat(lang === 'zh' ? 'cccc HH:mm（yyyy-MM-dd）' : 'cccc HH:mm (yyyy-MM-dd)');
    sentence = t('policy.previewSentence', {
      level: level.label[lang],
      start: show(startAt.toMillis()),
      response: show(dueAt(startAt.toMillis(), level.response, draft.calendar)),
      resolution: show(dueAt(startAt.toMillis(), level.resolution, draft.calendar)),
    });
  }
  return (
    <section className="policy-preview card" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('policy.preview')}</h3>
      <div className="inline">
        <select aria-label={t('field.priority')} value={levelKey} onChange={(e) => setLevelKey(e.target.value)}>
          {draft.priorities.map((l) => (
            <option key={l.key} value={l.key}>
              {l.label[lang]}
            </option>
          ))}
        </select>
        <input aria-label={t('policy.previewStart')} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
      </div>
      <p data-testid="policy-preview" aria-live="polite">
        {sentence}
      </p>
    </section>
  );
}
