import { useState } from 'react';
import { WEEKDAYS, type Policy, type WorkCalendar } from '../../../../shared/policy/schema';
import type { MessageKey } from '../../../../shared/i18n';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { HolidayTools } from './HolidayTools';

type Periods = WorkCalendar['makeUpHours'];

/** '09:00-12:00, 13:00-18:00' ⇄ periods; null when the text cannot be read. */
export function parsePeriods(text: string): Periods | null {
  if (text.trim() === '') return [];
  const periods: Periods = [];
  for (const part of text.split(/[,，;；]/)) {
    const m = /^\s*(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) return null;
    periods.push([m[1]!.padStart(5, '0'), m[2]!.padStart(5, '0')]);
  }
  return periods;
}
const showPeriods = (periods: Periods) => periods.map(([s, e]) => `${s}-${e}`).join(', ');
const showDates = (dates: string[]) => dates.join('\n');

/** The business calendar: zone, weekly hours, holidays, make-up working days (调休). */
export function CalendarEditor({ draft, invalid, onChange }: { draft: Policy; invalid: (path: string) => boolean; onChange: (p: Policy) => void }) {
  const { t } = useI18n();
  const cal = draft.calendar;
  const setCal = (next: Partial<WorkCalendar>) => onChange({ ...draft, calendar: { ...cal, ...next } });
  return (
    <div className="calendar-editor">
      <Field id="cal-zone" label={t('setup.timeZone')} error={invalid('calendar.timeZone') ? t('policy.badZone') : undefined}>
        <input id="cal-zone" value={cal.timeZone} onChange={(e) => setCal({ timeZone: e.target.value })} />
      </Field>
      <div className="week-grid">
        {WEEKDAYS.map((day) => (
          <PeriodsField key={day} id={`cal-${day}`} label={t(`weekday.${day}` as MessageKey)} value={cal.week[day]} invalid={invalid(`calendar.week.${day}`)} onChange={(p) => setCal({ week: { ...cal.week, [day]: p } })} />
        ))}
        <PeriodsField id="cal-makeup-hours" label={t('policy.makeUpHours')} value={cal.makeUpHours} invalid={invalid('calendar.makeUpHours')} onChange={(p) => setCal({ makeUpHours: p })} />
      </div>
      <div className="dates-grid">
        <DatesField id="cal-holidays" label={t('policy.holidays')} value={cal.holidays} invalid={invalid('calendar.holidays')} onChange={(d) => setCal({ holidays: d })} />
        <DatesField id="cal-makeup-days" label={t('policy.makeUpDays')} value={cal.makeUpDays} invalid={invalid('calendar.makeUpDays')} onChange={(d) => setCal({ makeUpDays: d })} />
      </div>
      <HolidayTools onAdd={(holidays, makeUpDays) => setCal({ holidays: merge(cal.holidays, holidays), makeUpDays: merge(cal.makeUpDays, makeUpDays) })} />
    </div>
  );
}

const merge = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();

function PeriodsField(props: { id: string; label: string; value: Periods; invalid: boolean; onChange: (p: Periods) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(showPeriods(props.value));
  const [unreadable, setUnreadable] = useState(false);
  return (
    <Field id={props.id} label={props.label} error={unreadable ? t('policy.periodsHint') : props.invalid ? t('policy.periodsBad') : undefined}>
      <input
        id={props.id}
        value={text}
        placeholder="09:00-18:00"
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parsePeriods(e.target.value);
          setUnreadable(parsed === null);
          if (parsed) props.onChange(parsed);
        }}
      />
    </Field>
  );
}

function DatesField(props: { id: string; label: string; value: string[]; invalid: boolean; onChange: (d: string[]) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(showDates(props.value));
  const [shown, setShown] = useState(props.value);
  // Dates added by the holiday tools replace the text box's content.
  if (shown !== props.value && showDates(shown) !== showDates(props.value)) {
    setShown(props.value);
    setText(showDates(props.value));
  }
  return (
    <Field id={props.id} label={props.label} error={props.invalid ? t('policy.datesBad') : undefined}>
      <textarea
        id={props.id}
        rows={6}
        value={text}
        placeholder="2025-10-01"
        onChange={(e) => {
          setText(e.target.value);
          const dates = e.target.value.split(/[\s,，]+/).filter(Boolean).sort();
          setShown(dates);
          props.onChange(dates);
        }}
      />
    </Field>
  );
}
