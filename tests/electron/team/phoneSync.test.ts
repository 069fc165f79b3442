import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyCallEvent } from '../../../electron/records/phoneEvents';
import { markMissedCallsCalledBack } from '../../../electron/records/missedCalls';
import { saveQueueSnapshot } from '../../../electron/store/phoneOutbox';
import { joinTeam } from '../../../electron/team/join';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { readBoard } from '../../../electron/teamStore/boardSql';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer, teamLogin } from '../../helpers/teamServer';
import { linkedStatus, startSync, TEST_APP_VERSION, waitFor } from '../../helpers/teamSync';
import { openTestDesk, SEED_MORNING, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Real desks (SQLite, the records core applying the phone's events) joined to
 * a real PostgreSQL: the phone facts and missed calls reach the server with
 * the desks' own sync, and a queue's missed call two desks logged is kept once.
 */
const source = { system: 'ami' as const, pbx: 'pbx1:5038' };
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source, callId, at, clock: 'pbx' as const });
const offered = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'offered', direction: 'in', numberLast4: '8000', queue: 'support', agent: null });
const ringing = (callId: string, at: number, agent: string): CallEvent => ({ ...base(callId, at), kind: 'ringing', agent, queue: 'support' });
const answered = (callId: string, at: number, agent: string): CallEvent => ({ ...base(callId, at), kind: 'answered', agent, waitSec: null });
const ended = (callId: string, at: number, unanswered: boolean, cause: Extract<CallEvent, { kind: 'ended' }>['cause']): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause, unanswered, queue: 'support', agent: null, waitSec: null, talkSec: null, hungUpBy: 'caller',
});

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startTeamServer();
}, 120_000);
afterAll(() => cluster?.stop());

const opened: TestDesk[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close().catch(() => undefined);
});

async function desk(code: string, file?: string, login?: string): Promise<TestDesk & { url: string; apply: (e: CallEvent) => Promise<unknown> }> {
  const d = await openTestDesk({ code, ...(file ? { file, setup: !fs.existsSync(file) } : {}) });
  opened.push(d);
  d.clock.ms = s(3600);
  const url = login ?? (await addTeamLogin(cluster.superUrl, 'desk', code)).url;
  return Object.assign(d, { url, apply: (e: CallEvent) => applyCallEvent({ db: d.store.db, now: d.clock.now, atDesk: () => d.ctx.session.userId }, e) });
}

const phoneWaiting = (d: TestDesk) => Number((d.store.sqlite.prepare('SELECT count(*) AS n FROM phone_outbox').get() as { n: number }).n);
const server = <T>(text: string, values: unknown[] = []) => asSuperuser(cluster, async (c) => (await c.query(text, values)).rows as T[]);

describe("a desk's phone facts on the team server", { timeout: 120_000 }, () => {
  it('marks nothing while unlinked; a join pushes the phone history after the records, and the sync each change', async () => {
    const a = await desk('PA1');
    await a.apply(offered('L1', s(0)));
    await a.apply(ringing('L1', s(5), 'PJSIP/1001'));
    await a.apply(answered('L1', s(9), 'PJSIP/1001'));
    expect(phoneWaiting(a)).toBe(0);
    await joinTeam(a.store, a.url, { appVersion: TEST_APP_VERSION });
    expect(phoneWaiting(a)).toBe(0);
    const facts = await server<{ call_id: string; answered_at: number; ended_at: number | null; record_no: string | null }>(
      "SELECT call_id, answered_at, ended_at, record_no FROM hotline_team.phone_calls WHERE desk_code = 'PA1'",
    );
    const recordNo = (a.store.sqlite.prepare('SELECT record_no FROM calls').get() as { record_no: string }).record_no;
    expect(facts).toEqual([{ call_id: 'L1', answered_at: s(9), ended_at: null, record_no: recordNo }]);

    // The call ends after the join: the sync takes the change there.
    await a.apply(ended('L1', s(200), false, 'normalClearing'));
    expect(phoneWaiting(a)).toBe(1);
    // The status line counts it among the changes waiting.
    expect((await linkedStatus(a)).waiting).toBe(1);
    const sync = startSync(a, a.url);
    try {
      expect(await waitFor(async () => (await server<{ ended_at: number }>("SELECT ended_at FROM hotline_team.phone_calls WHERE desk_code = 'PA1'"))[0]?.ended_at === s(200))).toBe(true);
    } finally {
      await sync.stop();
    }
    expect(phoneWaiting(a)).toBe(0);
    // The desk's mark on the server is the one it saw acknowledged (a restart finds it current).
    const [row] = await server<{ high_water: number }>("SELECT high_water FROM hotline_team.desks WHERE desk_code = 'PA1'");
    expect(row!.high_water).toBe((a.store.sqlite.prepare('SELECT pushed_seq FROM team_link').get() as { pushed_seq: number }).pushed_seq);
  });

  it("keeps a queue's abandoned call once when two desks watching the queue push it, and either desk's callback counts", async () => {
    const a = await desk('PA2');
    const b = await desk('PB2');
    await joinTeam(a.store, a.url, { appVersion: TEST_APP_VERSION });
    await joinTeam(b.store, b.url, { appVersion: TEST_APP_VERSION });
    for (const d of [a, b]) {
      await d.apply(offered('Q7', s(100)));
      await d.apply(ended('Q7', s(140), true, 'abandoned'));
    }
    const missedNo = (d: TestDesk) => (d.store.sqlite.prepare('SELECT missed_no FROM missed_calls').get() as { missed_no: string }).missed_no;
    const syncA = startSync(a, a.url);
    const syncB = startSync(b, b.url);
    try {
      expect(await waitFor(() => phoneWaiting(a) === 0 && phoneWaiting(b) === 0)).toBe(true);
      const team = () => server<{ desk_code: string; missed_no: string; called_back_desk: string | null; called_back_at: number | null }>(
        "SELECT desk_code, missed_no, called_back_desk, called_back_at FROM hotline_team.missed_calls WHERE call_id = 'Q7'",
      );
      const [kept, ...more] = await team();
      expect(more).toEqual([]);
      expect([{ desk_code: 'PA2', missed_no: missedNo(a) }, { desk_code: 'PB2', missed_no: missedNo(b) }]).toContainEqual({ desk_code: kept!.desk_code, missed_no: kept!.missed_no });
      expect(await server("SELECT desk_code FROM hotline_team.missed_call_desks WHERE call_id = 'Q7' ORDER BY desk_code")).toEqual([{ desk_code: 'PA2' }, { desk_code: 'PB2' }]);
      // Each desk's phone facts stay its own.
      expect(await server("SELECT desk_code FROM hotline_team.phone_calls WHERE call_id = 'Q7' ORDER BY desk_code")).toEqual([{ desk_code: 'PA2' }, { desk_code: 'PB2' }]);

      // B calls the customer back: the team's missed call is called back, by B, whichever desk owns it.
      b.clock.ms = s(4000);
      const id = (b.store.sqlite.prepare('SELECT id FROM missed_calls').get() as { id: number }).id;
      expect(await markMissedCallsCalledBack(b.ctx, [id])).toBe(1);
      expect(await waitFor(async () => (await team())[0]?.called_back_desk === 'PB2')).toBe(true);
      expect((await team())[0]!.called_back_at).toBe(s(4000));
    } finally {
      await Promise.all([syncA.stop(), syncB.stop()]);
    }
  });

  it('sends a missed call no earlier than its call, so even one row per push leaves nothing parked', async () => {
    const a = await desk('PA5');
    await joinTeam(a.store, a.url, { appVersion: TEST_APP_VERSION });
    // Logged offline: the missed call's entry comes before its call's (linked to it just after).
    await a.apply(offered('Q8', s(300)));
    await a.apply(ended('Q8', s(330), true, 'abandoned'));
    const order = a.store.sqlite.prepare('SELECT kind FROM phone_outbox ORDER BY seq').pluck().all();
    expect(order).toEqual(['missed', 'call']);
    const sync = startSync(a, a.url, { batchSize: 1 });
    try {
      expect(await waitFor(() => phoneWaiting(a) === 0)).toBe(true);
    } finally {
      await sync.stop();
    }
    expect(a.store.sqlite.prepare('SELECT count(*) FROM phone_outbox_parked').pluck().get()).toBe(0);
    const missedNo = a.store.sqlite.prepare('SELECT missed_no FROM missed_calls').pluck().get();
    expect(await server("SELECT desk_code, missed_no FROM hotline_team.missed_calls WHERE call_id = 'Q8'")).toEqual([{ desk_code: 'PA5', missed_no: missedNo }]);
    expect(await server("SELECT desk_code, missed_no FROM hotline_team.phone_calls WHERE call_id = 'Q8'")).toEqual([{ desk_code: 'PA5', missed_no: missedNo }]);
  });

  it("shows the desks' live queues on the team board: the newest snapshot per queue, with its desk and moment", async () => {
    const a = await desk('PA3');
    const b = await desk('PB3');
    await joinTeam(a.store, a.url, { appVersion: TEST_APP_VERSION });
    await joinTeam(b.store, b.url, { appVersion: TEST_APP_VERSION });
    const now = Date.now();
    await saveQueueSnapshot(a.store.db, { pbx: 'pbx1:5038', queue: 'support', waiting: 4, longest_wait_sec: 95, available: 1, at: now - 10_000 });
    await saveQueueSnapshot(b.store.db, { pbx: 'pbx1:5038', queue: 'support', waiting: 2, longest_wait_sec: 40, available: 2, at: now - 1_000 });
    await saveQueueSnapshot(b.store.db, { pbx: 'pbx1:5038', queue: 'sales', waiting: 0, longest_wait_sec: 0, available: 3, at: now - 1_000 });
    const lead = (await teamLogin(cluster, 'lead', 'lead-pq')).conn;
    const syncA = startSync(a, a.url);
    const syncB = startSync(b, b.url);
    try {
      expect(await waitFor(async () => (await readBoard(lead)).queues.length === 2 && (await readBoard(lead)).queues.every((q) => q.desk_code === 'PB3'))).toBe(true);
      const board = await readBoard(lead);
      expect(board.queues.map(({ pbx, queue, waiting, longest_wait_sec, desk_code }) => ({ pbx, queue, waiting, longest_wait_sec, desk_code }))).toEqual([
        { pbx: 'pbx1:5038', queue: 'sales', waiting: 0, longest_wait_sec: 0, desk_code: 'PB3' },
        { pbx: 'pbx1:5038', queue: 'support', waiting: 2, longest_wait_sec: 40, desk_code: 'PB3' },
      ]);
      expect(Math.abs(board.queues[1]!.at - (now - 1_000))).toBeLessThan(2_000);
      expect(a.store.sqlite.prepare('SELECT reported FROM queue_snapshots').all()).toEqual([{ reported: 1 }]);
    } finally {
      await Promise.all([syncA.stop(), syncB.stop()]);
      await lead.close();
    }
  });

  it('a desk restored from an older backup takes back its phone facts and missed calls, linked to their records, and hands out no MC number twice', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'desk.db');
    try {
      let a = await desk('PA4', file);
      const url = a.url;
      await joinTeam(a.store, url, { appVersion: TEST_APP_VERSION });
      a.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      fs.copyFileSync(file, path.join(tmp.dir, 'backup.db'));
      // After the backup: a call that opened a record, and a queue's abandoned call.
      await a.apply(offered('L5', s(0)));
      await a.apply(ringing('L5', s(4), 'PJSIP/1001'));
      await a.apply(answered('L5', s(8), 'PJSIP/1001'));
      await a.apply(ended('L5', s(60), false, 'normalClearing'));
      await a.apply(offered('Q5', s(100)));
      await a.apply(ended('Q5', s(130), true, 'abandoned'));
      const lost = {
        phone: a.store.sqlite.prepare('SELECT p.call_id, c.record_no, m.missed_no FROM phone_calls p LEFT JOIN calls c ON c.id = p.call_record_id LEFT JOIN missed_calls m ON m.id = p.missed_call_id ORDER BY p.call_id').all(),
        missed: a.store.sqlite.prepare('SELECT missed_no, call_id, wait_sec, callback_due_at FROM missed_calls').all(),
      };
      const sync = startSync(a, url);
      expect(await waitFor(() => phoneWaiting(a) === 0)).toBe(true);
      await sync.stop();
      await a.close();
      opened.splice(opened.indexOf(a), 1);
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      fs.copyFileSync(path.join(tmp.dir, 'backup.db'), file);

      a = await desk('PA4', file, url);
      expect(a.store.sqlite.prepare('SELECT count(*) FROM phone_calls').pluck().get()).toBe(0);
      const again = startSync(a, url);
      try {
        expect(await waitFor(() => (a.store.sqlite.prepare('SELECT count(*) FROM phone_calls').pluck().get() as number) === 2)).toBe(true);
      } finally {
        await again.stop();
      }
      expect(a.store.sqlite.prepare('SELECT p.call_id, c.record_no, m.missed_no FROM phone_calls p LEFT JOIN calls c ON c.id = p.call_record_id LEFT JOIN missed_calls m ON m.id = p.missed_call_id ORDER BY p.call_id').all()).toEqual(lost.phone);
      expect(a.store.sqlite.prepare('SELECT missed_no, call_id, wait_sec, callback_due_at FROM missed_calls').all()).toEqual(lost.missed);
      // The next missed call takes the next number, not the one the pulled-back call has.
      await a.apply(offered('Q6', s(200)));
      await a.apply(ended('Q6', s(230), true, 'abandoned'));
      const numbers = a.store.sqlite.prepare('SELECT missed_no FROM missed_calls ORDER BY missed_no').pluck().all() as string[];
      expect(new Set(numbers).size).toBe(2);
      expect(numbers[1]! > numbers[0]!).toBe(true);
    } finally {
      tmp.remove();
    }
  });
});
