import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/api/records';
import { localDateTime } from '../../../../shared/timing/localTime';
import { oneLine } from '../../components/oneLine';
import { useI18n } from '../../i18n';
import { auditActor, auditLine, auditReason, type AuditContext } from './auditText';
import { voidReasonText } from '../desk/phoneVoid';

/** How much of an old or new value a change's line shows before "Show all". */
const VALUE_CHARS = 48;

/**
 * One change on one line: when, who, what, from → to (each value cut short), and why.
 * A 2,000-character note edited twice reads as two lines, not two pages; "Show all" gives the whole.
 */
export function AuditRow({ entry, ctx, zone }: { entry: AuditEntry; ctx: AuditContext; zone: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const raw = auditLine(entry, ctx);
  // The phone system's own void reasons (stored in English, as the trail keeps them) read in the reader's language.
  const phoneSaid = (text: string) => (entry.actor.startsWith('phone:') ? voidReasonText({ at: entry.at, by: entry.actor, reason: text }, t) : text);
  const line = entry.field === 'voidReason' ? { ...raw, to: phoneSaid(raw.to) } : raw;
  // A change whose new value is its own reason (a void's reason) says it once.
  const why = entry.reason !== null && entry.reason === entry.newValue ? null : auditReason(entry.reason === null ? null : phoneSaid(entry.reason), t);
  const from = oneLine(line.from, VALUE_CHARS);
  const to = oneLine(line.to, VALUE_CHARS);
  const cut = from.cut || to.cut;
  return (
    <li data-field={entry.field} className={open ? 'audit-row open' : 'audit-row'}>
      <span className="muted">
        {localDateTime(entry.at, zone)} · {auditActor(entry.actor, t)}
      </span>{' '}
      <strong>{line.label}</strong>: {open ? line.from : from.text} → {open ? line.to : to.text}
      {why && <em> — {why}</em>}
      {cut && (
        <>
          {' '}
          <button type="button" className="link clamp-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('clamp.showLess') : t('clamp.showAll')}
          </button>
        </>
      )}
    </li>
  );
}
