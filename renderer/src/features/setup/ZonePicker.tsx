import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n';
import { knownZones, searchZones, zoneEntries, type ZoneEntry } from './zoneSearch';

/** Enough to pick from; a longer list is narrowed by typing (the count says how many matched). */
const SHOWN = 50;

/**
 * A searchable time-zone field (the ARIA 1.2 combobox pattern): the text typed stays the
 * field's value, so an exact zone name works as before; the list below finds a zone by city,
 * country, 北京时间 or an offset, and Enter or a click puts the highlighted one in the field.
 */
export function ZonePicker({ id, value, onChange, invalid }: { id: string; value: string; onChange: (zone: string) => void; invalid: boolean }) {
  const { t, lang } = useI18n();
  const system = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  // Built once per screen: some 420 zones' names in two languages take a few tens of milliseconds.
  const entries = useMemo(() => zoneEntries(knownZones(system), Date.now()), [system]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** ArrowDown on a zone already chosen: every zone, that one first, to browse from. */
  const [browsing, setBrowsing] = useState(false);
  const found = useMemo(() => (browsing ? searchZones(entries, '', value) : searchZones(entries, value, system)), [entries, value, system, browsing]);
  const shown = found.slice(0, SHOWN);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  // A zone's exact name is a choice made: the list closes, and covers nothing (the submit button below).
  const exact = entries.some((e) => e.zone.toLowerCase() === value.trim().toLowerCase());
  const expanded = open && (!exact || browsing);

  useEffect(() => {
    if (expanded) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (entry: ZoneEntry) => {
    onChange(entry.zone);
    setOpen(false);
    setBrowsing(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) {
        setOpen(true);
        setBrowsing(exact);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(shown.length - 1, 0)));
    } else if (event.key === 'Enter' && expanded && shown[active]) {
      // Enter takes the highlighted zone; a second Enter, with the list closed, submits the form.
      event.preventDefault();
      pick(shown[active]);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setBrowsing(false);
    }
  };
  return (
    <div className="zone-picker">
      <input
        id={id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && shown[active] ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={t('zone.hint')}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(0);
          setOpen(true);
          setBrowsing(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setBrowsing(false);
        }}
      />
      {/* Always in the page, hidden when closed: aria-controls names an element that exists. */}
      {/* A press anywhere in the list keeps the focus in the field, so that its blur does not close the list before the click. */}
      <div className="zone-popup" hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
        <p className="muted zone-count" aria-live="polite">
          {expanded && (found.length === 0 ? t('zone.none') : t('zone.count', { n: found.length }))}
        </p>
        <ul id={listId} role="listbox" aria-label={t('zone.choices')}>
          {expanded &&
          shown.map((entry, i) => (
            <li
              key={entry.zone}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onClick={() => pick(entry)}
            >
              <span className="zone-name">{entry.zone}</span>
              <span className="muted">
                {' '}
                · {entry.offsetLabel} · {entry.names[lang]}
                {entry.zone === system && ` · ${t('zone.system')}`}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
