import { syncWithTeam, type TeamSyncOptions } from '../../electron/team/sync';
import { teamStatusOf } from '../../electron/team/status';
import type { TeamStatus } from '../../shared/api/team';
import type { TestDesk } from './tempStore';

export const TEST_APP_VERSION = '0.1.0';
/** The pusher's pacing for tests: rounds every 20 ms, back-off from 50 ms to 200 ms. */
export const FAST_PACING = { idleMs: 20, backoffMs: 50, maxBackoffMs: 200 };

/** The desk's team sync running (as the bulk worker runs it) until stop(), which waits for it to end. */
export function startSync(desk: TestDesk, url: string, options: Partial<Omit<TeamSyncOptions, 'url' | 'signal'>> = {}): { stop(): Promise<void>; done: Promise<void> } {
  const abort = new AbortController();
  const done = syncWithTeam(desk.store, { url, appVersion: TEST_APP_VERSION, pacing: FAST_PACING, connectTimeoutMs: 2_000, statementTimeoutMs: 5_000, ...options, signal: abort.signal });
  return {
    done,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

/** Polls `condition` every 25 ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(condition: () => Promise<boolean> | boolean, ms = 20_000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The desk's status while linked (a test that asks is about a linked desk). */
export async function linkedStatus(desk: TestDesk): Promise<Extract<TeamStatus, { linked: true }>> {
  const status = await teamStatusOf(desk.store.db);
  if (!status.linked) throw new Error('the desk is not linked');
  return status;
}

/** Nothing waits in the desk's queue. */
export async function caughtUp(desk: TestDesk): Promise<boolean> {
  return (await linkedStatus(desk)).waiting === 0;
}
