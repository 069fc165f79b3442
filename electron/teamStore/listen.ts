import pg from 'pg';
import { log } from '../log';
import { teamTypes } from './connect';
import { teamErrorOf } from './errors';

/**
 * A lead's app listening on the team server's channel `hotline_team`: each
 * push that changed records notifies `{desk, epoch, seq}` (never record
 * content: LISTEN/NOTIFY has no privileges). One dedicated connection, opened
 * again after it drops (back-off to 30 s), so the board follows the desks
 * without polling. Desks never listen.
 */
export interface TeamListener {
  stop(): Promise<void>;
}

export function listenToTeam(url: string, onNotice: (notice: { desk: string; epoch: number; seq: number }) => void, onConnected: () => void = () => undefined): TeamListener {
  let stopped = false;
  let client: pg.Client | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;

  const open = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, types: teamTypes, connectionTimeoutMillis: 10_000, keepAlive: true, application_name: 'hotline-log board' });
    // An error of a live connection ends it; 'end' then opens the next.
    next.on('error', (error) => log.warn(`team board: the listening connection ended (${teamErrorOf(error).kind})`));
    next.on('end', () => {
      if (client === next) client = null;
      later();
    });
    next.on('notification', (n) => {
      try {
        const notice = JSON.parse(n.payload ?? '') as { desk: string; epoch: number; seq: number };
        onNotice(notice);
      } catch {
        // Not ours: nothing else writes to the channel, but a stray payload must not stop the board.
      }
    });
    try {
      await next.connect();
      await next.query('LISTEN hotline_team');
      if (stopped) return void (await next.end());
      client = next;
      failures = 0;
      // Notices sent while no connection listened are lost: the board reads itself again.
      onConnected();
    } catch {
      await next.end().catch(() => undefined);
      later();
    }
  };
  const later = () => {
    if (stopped || timer) return;
    const wait = Math.min(30_000, 500 * 2 ** failures++);
    timer = setTimeout(() => {
      timer = null;
      void open();
    }, wait);
    timer.unref();
  };
  void open();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
