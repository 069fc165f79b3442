import { useEffect, useState } from 'react';
import type { TeamStatus } from '../../../../shared/api/team';
import { api, events } from '../../api';
import { useI18n } from '../../i18n';
import { teamStatusText } from './statusText';

/** While the link is not up to date, the count of changes waiting is read again this often (clicks add to it without an event). */
const REREAD_WHILE_BEHIND_MS = 10_000;

/**
 * The desk's team link in the header: shown only while the desk is linked.
 * While linked, it follows the teamStatus event (the worker's pushes and
 * failures), and re-reads after a reconnect, so a missed event loses nothing.
 */
export function TeamStatusLine({ zone }: { zone: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const linked = status?.linked === true;
  useEffect(() => {
    let alive = true;
    void api.teamStatus({}).then((r) => {
      if (alive && r.ok) setStatus(r.value);
    });
    return () => {
      alive = false;
    };
  }, []);
  // Only a linked desk follows its link's news: an unlinked one opens no event stream for it (linking takes a restart).
  useEffect(() => {
    if (!linked) return;
    let alive = true;
    const read = () =>
      void api.teamStatus({}).then((r) => {
        if (alive && r.ok) setStatus(r.value);
      });
    const stops = [events.on('teamStatus', (next) => alive && setStatus(next)), events.onReconnect(read)];
    return () => {
      alive = false;
      for (const stop of stops) stop();
    };
  }, [linked]);
  const behind = status?.linked === true && status.waiting > 0;
  useEffect(() => {
    if (!behind) return;
    const timer = setInterval(() => void api.teamStatus({}).then((r) => r.ok && setStatus(r.value)), REREAD_WHILE_BEHIND_MS);
    return () => clearInterval(timer);
  }, [behind]);
  const shown = status ? teamStatusText(status, t, zone, Date.now()) : null;
  if (!shown) return null;
  return (
    <span className={`team-status ${shown.tone}`} role="status" title={shown.text} data-testid="team-status">
      {shown.text}
    </span>
  );
}
