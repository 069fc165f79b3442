import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { randomUUID } from 'node:crypto';
import { resolveBackupDir } from '../../../electron/durability/backupDir';
import { machineInstance } from '../../../electron/durability/teamUrl';
import { startUp } from '../../../electron/startup/startUp';
import { findTeamLink } from '../../../electron/store/outbox';
import { InProcessRunner } from '../../../electron/worker/bulkRunner';
import { joinTeam } from '../../../electron/team/join';
import { syncWithTeam } from '../../../electron/team/sync';
import { teamStatusOf } from '../../../electron/team/status';
import { callAtStage } from '../../helpers/callAtStage';
import type { PgCluster } from '../../helpers/pgCluster';
import { localRecords, serverRecords as serverRecordsOf } from '../../helpers/teamCompare';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { PUSH_V2_SIGNATURE } from '../../../electron/teamStore/migrations/0005/pushV2';

// Desks (real SQLite files, the real dispatcher) joined to a real PostgreSQL:
// what the server holds must be exactly each desk's own records, whole.
const APP = '0.1.0';
const FAST = { idleMs: 20, backoffMs: 50, maxBackoffMs: 200 };

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startTeamServer();
}, 120_000);
afterAll(() => cluster?.stop());

const opened: TestDesk[] = [];
const folders: Array<() => void> = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close().catch(() => undefined);
  for (const remove of folders.splice(0)) remove();
});

async function desk(code: string, file?: string): Promise<TestDesk> {
  const d = await openTestDesk({ code, ...(file ? { file, setup: !fs.existsSync(file) } : {}) });
  opened.push(d);
  return d;
}

const serverRecords = (code: string) => serverRecordsOf(cluster, code);

/** Runs the desk's pusher until its queue is empty (or `until` holds), then stops it. */
async function syncUntil(d: TestDesk, url: string, until: () => Promise<boolean> = async () => (await teamStatusOf(d.store.db)).linked && ((await teamStatusOf(d.store.db)) as { waiting: number }).waiting === 0) {
  const stop = new AbortController();
  const running = syncWithTeam(d.store, { url, appVersion: APP, signal: stop.signal, pacing: FAST, connectTimeoutMs: 2_000, statementTimeoutMs: 5_000 });
  try {
    for (let i = 0; i < 600 && !(await until()); i++) await new Promise((r) => setTimeout(r, 50));
  } finally {
    stop.abort();
    await running;
  }
  expect(await until()).toBe(true);
}

describe('desks and the team server', { timeout: 120_000 }, () => {
  it('a join pushes the desk history; the pusher then sends each change; the server holds exactly the union of two desks, equal in content', async () => {
    const a = await desk('A11');
    const b = await desk('B11');
    const urlA = (await addTeamLogin(cluster.superUrl, 'desk', 'A11')).url;
    const urlB = (await addTeamLogin(cluster.superUrl, 'desk', 'B11')).url;
    await callAtStage(a, 'closed', { steps: ['已联系维修班组'] });
    await callAtStage(a, 'breached');
    await callAtStage(b, 'transferred');

    const progress: Array<[number, number]> = [];
    const joined = await joinTeam(a.store, urlA, { appVersion: APP, onProgress: (done, total) => progress.push([done, total]) });
    expect(joined).toMatchObject({ deskCode: 'A11', pushed: 2, waiting: 0, comparison: { kind: 'began', firstTime: true, pulledBack: 0 } });
    expect(progress.at(-1)).toEqual([2, 2]);
    await joinTeam(b.store, urlB, { appVersion: APP });

    // Changes after the join go with the pusher: a new call, a step on an old one.
    await callAtStage(a, 'answered');
    const first = localRecords(a)[0]!;
    await a.ok('addStep', { id: Number((a.store.sqlite.prepare('SELECT id FROM calls WHERE record_no = ?').get(first.call.record_no) as { id: number }).id), text: '回访客户' });
    await syncUntil(a, urlA);

    expect(await serverRecords('A11')).toEqual(localRecords(a));
    expect(await serverRecords('B11')).toEqual(localRecords(b));
    const status = await teamStatusOf(a.store.db);
    expect(status).toMatchObject({ linked: true, waiting: 0, lastOutcome: 'ok', unreachableSince: null, parked: [] });
  });

  it('PostgreSQL killed while the desk logs, then started: the desk says unreachable, keeps logging, and everything arrives once', async () => {
    const a = await desk('A12');
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A12')).url;
    await joinTeam(a.store, url, { appVersion: APP });
    await cluster.kill();
    const stop = new AbortController();
    const running = syncWithTeam(a.store, { url, appVersion: APP, signal: stop.signal, pacing: FAST, connectTimeoutMs: 1_000, statementTimeoutMs: 2_000 });
    try {
      for (let i = 0; i < 5; i++) await callAtStage(a, 'closed');
      let status = await teamStatusOf(a.store.db);
      for (let i = 0; i < 200 && !(status.linked && status.unreachableSince !== null); i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await teamStatusOf(a.store.db);
      }
      expect(status).toMatchObject({ linked: true, waiting: 5, lastOutcome: 'unreachable' });
      await cluster.start();
      for (let i = 0; i < 400 && ((await teamStatusOf(a.store.db)) as { waiting: number }).waiting > 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop.abort();
      await running;
    }
    expect(await teamStatusOf(a.store.db)).toMatchObject({ waiting: 0, lastOutcome: 'ok', unreachableSince: null });
    expect(await serverRecords('A12')).toEqual(localRecords(a));
  });

  it('a desk restored from an older backup takes a new incarnation, takes back what it lost, and never hands out a record number twice', async () => {
    const tmp = tempDir();
    folders.push(tmp.remove);
    const file = path.join(tmp.dir, 'desk.db');
    let a = await desk('A13', file);
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A13')).url;
    await callAtStage(a, 'closed');
    await joinTeam(a.store, url, { appVersion: APP });
    // The backup: the file as it was then.
    a.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, path.join(tmp.dir, 'backup.db'));
    const lost = await callAtStage(a, 'closed', { steps: ['备份之后的记录'] });
    await syncUntil(a, url);
    const before = localRecords(a);
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.copyFileSync(path.join(tmp.dir, 'backup.db'), file);

    a = await desk('A13', file);
    expect(localRecords(a).map((r) => r.call.record_no)).not.toContain(lost.recordNo);
    await syncUntil(a, url, async () => localRecords(a).some((r) => r.call.record_no === lost.recordNo));
    expect(localRecords(a)).toEqual(before);
    const next = await callAtStage(a, 'started');
    expect(next.recordNo > lost.recordNo).toBe(true);
    await syncUntil(a, url);
    expect(await serverRecords('A13')).toEqual(localRecords(a));
    expect((await teamStatusOf(a.store.db)) as { epoch: number }).toMatchObject({ epoch: 2 });
  });

  it('a second PC with the same desk code is refused while the first holds the desk, and is left unlinked', async () => {
    const a = await desk('A14');
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A14')).url;
    await joinTeam(a.store, url, { appVersion: APP });
    const other = await desk('A14');
    await callAtStage(other, 'closed');
    await expect(joinTeam(other.store, url, { appVersion: APP })).rejects.toThrow(/in use on another computer/);
    expect(await teamStatusOf(other.store.db)).toEqual({ linked: false });
    expect((await serverRecords('A14')).length).toBe(0);
  });

  it('a server restored to an older point gets back from the desk everything it had acknowledged and lost', async () => {
    const a = await desk('A15');
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A15')).url;
    for (let i = 0; i < 3; i++) await callAtStage(a, 'closed', { steps: [`第 ${i + 1} 步`] });
    await joinTeam(a.store, url, { appVersion: APP });
    expect((await serverRecords('A15')).length).toBe(3);
    // What a restore of the server to before the join leaves: the desk row, none of its records.
    await asSuperuser(cluster, async (c) => {
      for (const table of ['steps', 'transfers', 'miss_reasons', 'audit', 'calls']) await c.query(`DELETE FROM hotline_team.${table} WHERE desk_code = 'A15'`);
      await c.query("UPDATE hotline_team.desks SET high_water = 0 WHERE desk_code = 'A15'");
    });
    await syncUntil(a, url, async () => (await serverRecords('A15')).length === 3 && ((await teamStatusOf(a.store.db)) as { waiting: number }).waiting === 0);
    expect(await serverRecords('A15')).toEqual(localRecords(a));
  });

  it('a desk restored from a backup hands out audit ids the server already holds: its new audit rows are kept beside the old ones, none dropped', async () => {
    const tmp = tempDir();
    folders.push(tmp.remove);
    const file = path.join(tmp.dir, 'desk.db');
    let a = await desk('A16', file);
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A16')).url;
    const call = await callAtStage(a, 'answered', { fields: { reason: '停水' } });
    await joinTeam(a.store, url, { appVersion: APP });
    a.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, path.join(tmp.dir, 'backup.db'));
    await a.ok('updateCall', { id: call.id, patch: { reason: '停水（备份之后）' } });
    await syncUntil(a, url);
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.copyFileSync(path.join(tmp.dir, 'backup.db'), file);

    a = await desk('A16', file);
    // The restored desk's next audit id is the one its lost change had on the server.
    await a.ok('updateCall', { id: call.id, patch: { reason: '停水（恢复之后）' } });
    await syncUntil(a, url);
    const reasons = await asSuperuser(cluster, async (c) =>
      (await c.query("SELECT new_value FROM hotline_team.audit WHERE desk_code = 'A16' AND field = 'reason' ORDER BY received_at, new_value")).rows.map((r) => r.new_value as string),
    );
    expect(reasons).toEqual(expect.arrayContaining(['停水（备份之后）', '停水（恢复之后）']));
    const ids = await asSuperuser(cluster, async (c) => (await c.query("SELECT audit_id FROM hotline_team.audit WHERE desk_code = 'A16' AND field = 'reason' AND new_value LIKE '停水（%'")).rows.map((r) => r.audit_id as number));
    // The same desk-local id, two different rows: both kept.
    expect(new Set(ids).size).toBe(1);
  });

  it("a server that refuses for a reason of its own (a permission IT took away) parks no record: the queue waits, and goes on once fixed", async () => {
    const a = await desk('A17');
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A17')).url;
    await joinTeam(a.store, url, { appVersion: APP });
    await callAtStage(a, 'closed');
    const grant = (sqlText: string) => asSuperuser(cluster, async (c) => void (await c.query(sqlText)));
    // The function this app pushes through (migration 0005's).
    await grant(`REVOKE EXECUTE ON FUNCTION ${PUSH_V2_SIGNATURE} FROM hotline_desk`);
    try {
      await syncUntil(a, url, async () => ((await teamStatusOf(a.store.db)) as { lastOutcome: string | null }).lastOutcome === 'server');
      expect(await teamStatusOf(a.store.db)).toMatchObject({ waiting: 1, parked: [] });
    } finally {
      await grant(`GRANT EXECUTE ON FUNCTION ${PUSH_V2_SIGNATURE} TO hotline_desk`);
    }
    await syncUntil(a, url);
    expect(await serverRecords('A17')).toEqual(localRecords(a));
  });

  it("a copy of a linked desk's database started on another computer takes that computer's lease id, and is refused while the first one runs", async () => {
    const tmp = tempDir();
    folders.push(tmp.remove);
    const first = await desk('A18');
    const url = (await addTeamLogin(cluster.superUrl, 'desk', 'A18')).url;
    await joinTeam(first.store, url, { appVersion: APP, instance: machineInstance(first.file, randomUUID) });
    first.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // The second computer: the database file copied over (a backup restored there), not its settings.
    const copy = path.join(tmp.dir, 'elsewhere.db');
    fs.copyFileSync(first.file, copy);
    const up = await startUp({
      file: copy,
      where: resolveBackupDir(copy, { env: {} }),
      workerFile: 'no worker in unit tests',
      runnerFor: (store) => new InProcessRunner(store),
      detectShare: () => null,
      report: () => undefined,
      team: { url: null, appVersion: APP, onStatus: () => undefined, applierFor: () => async () => ({ ok: true, value: null }), instance: () => machineInstance(copy, randomUUID) },
    });
    try {
      const second = { store: up.store };
      expect((await findTeamLink(up.store.db))!.instance).not.toBe((await findTeamLink(first.store.db))!.instance);
      const stop = new AbortController();
      const running = syncWithTeam(second.store, { url, appVersion: APP, signal: stop.signal, pacing: { idleMs: 20, backoffMs: 50, maxBackoffMs: 200 } });
      for (let i = 0; i < 200 && ((await teamStatusOf(up.store.db)) as { lastOutcome: string | null }).lastOutcome !== 'leaseHeld'; i++) await new Promise((r) => setTimeout(r, 25));
      stop.abort();
      await running;
      expect(await teamStatusOf(up.store.db)).toMatchObject({ lastOutcome: 'leaseHeld' });
    } finally {
      await up.backups.stop();
      await up.bulk.close();
      await up.store.close();
    }
  });
});

