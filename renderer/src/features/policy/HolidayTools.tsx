import { useState } from 'react';
import { parseOfficialSchedule, type ScheduleProblem } from '../../../../shared/policy/schedule';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

/**
 * Two ways to fill the holiday list without typing it: a country's public
 * holidays from a maintained data package (pick which apply), and a pasted
 * official schedule with its make-up working days (调休).
 */
export function HolidayTools({ onAdd }: { onAdd: (holidays: string[], makeUpDays: string[]) => void }) {
  const { t, errorText } = useI18n();
  const [country, setCountry] = useState('CN');
  const [year, setYear] = useState(new Date().getFullYear() + (new Date().getMonth() >= 10 ? 1 : 0));
  const [suggested, setSuggested] = useState<Array<{ date: string; name: string; chosen: boolean }>>([]);
  const [suggestError, setSuggestError] = useState<string | undefined>();
  const [schedule, setSchedule] = useState('');
  const [scheduleProblems, setScheduleProblems] = useState<ScheduleProblem[]>([]);

  const suggest = async () => {
    const r = await api.suggestHolidays({ country: country.toUpperCase(), year });
    if (!r.ok) return setSuggestError(errorText(r.error));
    setSuggestError(undefined);
    // Nothing pre-ticked: the data lists partial-day observances (Women's Day, Youth Day) as public holidays too.
    setSuggested(r.value.map((h) => ({ ...h, chosen: false })));
  };
  const importSchedule = () => {
    const parsed = parseOfficialSchedule(schedule);
    setScheduleProblems(parsed.problems);
    if (parsed.problems.length === 0) {
      onAdd(parsed.holidays, parsed.makeUpDays);
      setSchedule('');
    }
  };

  return (
    <div className="holiday-tools">
      <fieldset>
        <legend>{t('policy.publicHolidays')}</legend>
        <div className="inline">
          <Field id="hol-country" label={t('policy.country')} error={suggestError}>
            <input id="hol-country" value={country} maxLength={2} onChange={(e) => setCountry(e.target.value)} />
          </Field>
          <Field id="hol-year" label={t('policy.year')}>
            <input id="hol-year" type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} />
          </Field>
          <button type="button" onClick={() => void suggest()}>
            {t('policy.suggest')}
          </button>
        </div>
        {suggested.length > 0 && (
          <>
            <ul className="suggested">
              {suggested.map((h, i) => (
                <li key={h.date + h.name}>
                  <label>
                    <input type="checkbox" checked={h.chosen} onChange={(e) => setSuggested(suggested.map((s, j) => (j === i ? { ...s, chosen: e.target.checked } : s)))} /> {h.date} {h.name}
                  </label>
                </li>
              ))}
            </ul>
            <button
              type="button"
              onClick={() => {
                onAdd(suggested.filter((s) => s.chosen).map((s) => s.date), []);
                setSuggested([]);
              }}
            >
              {t('policy.addChosen')}
            </button>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('policy.officialSchedule')}</legend>
        <Field id="schedule-text" label={t('policy.scheduleHint')} error={scheduleProblems.length > 0 ? scheduleProblems.map((p) => (p.code === 'unreadableLine' ? t('policy.schedule.unreadableLine', { line: p.line, text: p.text }) : t('policy.schedule.holidayAndWorkday', { date: p.date }))).join(' · ') : undefined}>
          <textarea id="schedule-text" rows={4} value={schedule} placeholder={'2025-10-01~2025-10-08 休\n2025-09-28 班'} onChange={(e) => setSchedule(e.target.value)} />
        </Field>
        <button type="button" onClick={importSchedule}>
          {t('policy.importSchedule')}
        </button>
      </fieldset>
    </div>
  );
}
