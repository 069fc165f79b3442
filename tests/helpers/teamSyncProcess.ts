import { openStore } from '../../electron/store/openDb';
import { syncWithTeam } from '../../electron/team/sync';

/**
 * A desk's team sync as a process of its own, for the test that SIGKILLs a
 * desk in the middle of a push: `node teamSyncProcess.cjs FILE` with the
 * desk's URL in HOTLINE_TEAM_URL and the batch size in HOTLINE_TEST_BATCH.
 * Runs syncWithTeam on the SQLite file as the bulk worker does (its busy
 * time-out included), and prints each round's outcome as a JSON line; SIGTERM
 * stops it cleanly.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const url = process.env.HOTLINE_TEAM_URL;
  if (!file || !url) throw new Error('usage: HOTLINE_TEAM_URL=… node teamSyncProcess.cjs FILE');
  const store = await openStore(file, { busyTimeoutMs: 30_000 });
  const stop = new AbortController();
  process.on('SIGTERM', () => stop.abort());
  await syncWithTeam(store, {
    url,
    appVersion: '0.1.0',
    signal: stop.signal,
    pacing: { idleMs: 20, backoffMs: 50, maxBackoffMs: 200 },
    batchSize: Number(process.env.HOTLINE_TEST_BATCH ?? 500),
    connectTimeoutMs: 2_000,
    statementTimeoutMs: 5_000,
    onOutcome: (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`),
  });
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
