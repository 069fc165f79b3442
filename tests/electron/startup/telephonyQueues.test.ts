import { afterEach, describe, expect, it } from 'vitest';
import { startTelephony, type RunningTelephony } from '../../../electron/startup/telephony';
import { startAmiServer, type TestAmiServer } from '../../helpers/amiServer';
import { waitFor } from '../../helpers/teamSync';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The desk's AMI link keeps each watched queue's newest QueueSummary in its
 * SQLite (queue_snapshots), where the bulk worker's team sync finds it for the
 * team board. A real desk database, the test PBX over TCP.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the live queue kept for the team board', () => {
  it("keeps the watched queue's QueueSummary in SQLite, waiting to be reported, and only that queue", async () => {
    const pbx: TestAmiServer = await startAmiServer();
    cleanups.push(() => pbx.close());
    pbx.state.summaries = [
      { Queue: 'support', LoggedIn: '3', Available: '1', Callers: '2', HoldTime: '10', TalkTime: '60', LongestHoldTime: '42' },
      { Queue: 'sales', LoggedIn: '2', Available: '2', Callers: '5', HoldTime: '3', TalkTime: '50', LongestHoldTime: '7' },
    ];
    const desk: TestDesk = await openTestDesk();
    cleanups.push(() => desk.close());
    const telephony: RunningTelephony | null = await startTelephony({
      file: desk.file,
      db: desk.store.db,
      atDesk: () => null,
      onOutcome: () => undefined,
      env: { HOTLINE_AMI_URL: pbx.url(), HOTLINE_EXTENSION: 'PJSIP/1001', HOTLINE_AMI_QUEUES: 'support' },
    });
    cleanups.push(() => telephony?.stop());
    const kept = () => desk.store.sqlite.prepare('SELECT queue, waiting, longest_wait_sec, available, reported FROM queue_snapshots').all();
    expect(await waitFor(() => kept().length > 0, 5_000)).toBe(true);
    expect(kept()).toEqual([{ queue: 'support', waiting: 2, longest_wait_sec: 42, available: 1, reported: 0 }]);
  });
});
