import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { joinTeam } from '../../../electron/team/join';
import { bundleForNode } from '../../helpers/bundle';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { localRecords, serverCounts, serverRecords } from '../../helpers/teamCompare';
import { startTeamServer } from '../../helpers/teamServer';
import { linkedStatus, TEST_APP_VERSION } from '../../helpers/teamSync';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

// A desk whose process is SIGKILLed while it pushes a large queue (a crash, a
// power cut): started again, it sends what was left, nothing lost and nothing
// doubled, and its SQLite file is intact.
const RECORDS = 2_000;

let cluster: PgCluster;
let script: string;
beforeAll(async () => {
  // Inside the checkout (.cache/), so that the bundle's require('better-sqlite3') finds node_modules.
  const dir = path.resolve('.cache', 'test-team-sync', String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  [cluster, script] = await Promise.all([startTeamServer(), bundleForNode('tests/helpers/teamSyncProcess.ts', dir)]);
}, 120_000);
afterAll(() => cluster?.stop(), 60_000);

/** Starts the desk's sync process; `lines` collects its outcomes, `exited` says how it ended. */
function startDeskProcess(file: string, url: string) {
  const child: ChildProcess = spawn(process.execPath, [script, file], { env: { ...process.env, HOTLINE_TEAM_URL: url, HOTLINE_TEST_BATCH: '20' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ kind: string; records?: number }> = [];
  let stderr = '';
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const line of parts) lines.push(JSON.parse(line) as { kind: string });
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const until = async (condition: () => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`the desk process did not get there in ${ms / 1000} s; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { child, lines, exited, until, stderr: () => stderr };
}

describe('a desk killed in the middle of a push', { timeout: 120_000 }, () => {
  it('SIGKILLed while it pushes a large queue, then started again: everything arrives once and the SQLite file passes integrity_check', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'desk.db');
    try {
      const url = (await addTeamLogin(cluster.superUrl, 'desk', 'K31')).url;
      let d = await openTestDesk({ code: 'K31', file });
      await joinTeam(d.store, url, { appVersion: TEST_APP_VERSION });
      for (let i = 0; i < RECORDS; i++) {
        if (i % 20 === 0) await callAtStage(d, 'closed', { steps: [`第${i}条`] });
        else await d.ok('startCall', {});
      }
      await d.close();

      const first = startDeskProcess(file, url);
      // Some batches through, then a kill at a random moment of the pushing.
      await first.until(() => first.lines.filter((l) => l.kind === 'pushed').length >= 3);
      await new Promise((r) => setTimeout(r, Math.random() * 60));
      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const onServer = (await serverCounts(cluster)).K31 ?? 0;
      expect(onServer).toBeGreaterThan(0);
      expect(onServer).toBeLessThan(RECORDS);

      const second = startDeskProcess(file, url);
      await second.until(() => second.lines.some((l) => l.kind === 'idle'));
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      expect(second.lines.filter((l) => l.kind !== 'pushed' && l.kind !== 'idle')).toEqual([]);

      d = await openTestDesk({ code: 'K31', file, setup: false });
      try {
        expect(d.store.sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(await linkedStatus(d)).toMatchObject({ waiting: 0, lastOutcome: 'ok', unreachableSince: null, parked: [] });
        const local = localRecords(d);
        expect(local.length).toBe(RECORDS);
        expect(await serverRecords(cluster, 'K31')).toEqual(local);
      } finally {
        await d.close();
      }
    } finally {
      tmp.remove();
    }
  });
});
