import type { TeamStatus } from '../../../../shared/api/team';
import type { MessageKey } from '../../../../shared/i18n';
import { localClock, localDateTime, localDate } from '../../../../shared/timing/localTime';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** How the status line looks: calm when up to date, a warning otherwise. */
export type StatusTone = 'ok' | 'waiting' | 'warning';

/** Refusals the status line words; any other kind is shown with its code. */
const WHY: Record<string, MessageKey> = {
  leaseHeld: 'teamLink.why.leaseHeld',
  appVersion: 'teamLink.why.appVersion',
  authentication: 'teamLink.why.authentication',
  staleIncarnation: 'teamLink.why.staleIncarnation',
  notADesk: 'teamLink.why.notADesk',
  otherDesk: 'teamLink.why.otherDesk',
};

/**
 * The desk's status line for its team link, in the page's language:
 * "Team server: up to date", or "37 changes waiting · server unreachable since
 * 10:42" (the desk's clock; with the date when it was not today), or why
 * pushing stopped, and the records the server refused. Null when not linked.
 */
export function teamStatusText(status: TeamStatus, t: T, zone: string, now: number): { text: string; tone: StatusTone } | null {
  if (!status.linked) return null;
  const parts: string[] = [status.waiting === 0 ? t('teamLink.upToDate') : status.waiting === 1 ? t('teamLink.waitingOne') : t('teamLink.waiting', { count: status.waiting })];
  let tone: StatusTone = status.waiting === 0 ? 'ok' : 'waiting';
  if (status.unreachableSince !== null) {
    const since = status.unreachableSince;
    const time = localDate(since, zone) === localDate(now, zone) ? localClock(since, zone) : localDateTime(since, zone);
    parts.push(t('teamLink.unreachable', { time }));
    tone = 'warning';
  } else if (status.lastOutcome !== null && status.lastOutcome !== 'ok' && status.lastOutcome !== 'timeout' && status.lastOutcome !== 'unreachable') {
    const key = WHY[status.lastOutcome];
    parts.push(t('teamLink.stopped', { why: key ? t(key) : t('teamLink.why.other', { code: status.lastOutcome }) }));
    tone = 'warning';
  }
  if (status.parked.length > 0) {
    parts.push(t('teamLink.parked', { count: status.parked.length, records: status.parked.map((p) => p.recordNo).join(', ') }));
    tone = 'warning';
  }
  return { text: parts.join(' · '), tone };
}
