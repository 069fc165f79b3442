import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markMissedCallsCalledBack } from '../../../electron/records/missedCalls';
import { applyCallEvent } from '../../../electron/records/phoneEvents';
import { phoneKpis } from '../../../electron/stats/phone';
import { sqliteStatsQueries } from '../../../electron/store/statsQueries';
import { joinTeam } from '../../../electron/team/join';
import { addTeamLogin } from '../../../electron/teamStore/logins';
import { teamStatsQueries } from '../../../electron/teamStore/teamStatsQueries';
import { defaultPolicy } from '../../../shared/policy/defaults';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { PHONE_DAY, playPhoneDay } from '../../helpers/phoneDay';
import type { PgCluster } from '../../helpers/pgCluster';
import { startTeamServer, teamLogin } from '../../helpers/teamServer';
import { openTestDesk, SEED_MORNING, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Team scope's call-centre KPIs come from the server's phone facts; they must
 * equal those of one desk database holding both desks' phone facts, where a
 * queue's abandoned call both desks watched is one call (unique by pbx and
 * call id) and a callback by either desk counts. Real desks, events through
 * the records core, pushed by the real join, read by a lead on a real PostgreSQL.
 */
const source = { system: 'ami' as const, pbx: 'pbx1:5038' };
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source, callId, at, clock: 'pbx' as const });
const offered = (callId: string, at: number, last4: string): CallEvent => ({ ...base(callId, at), kind: 'offered', direction: 'in', numberLast4: last4, queue: 'support', agent: null });
const ringing = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'ringing', agent: 'PJSIP/1002', queue: 'support' });
const answered = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'answered', agent: 'PJSIP/1002', waitSec: null });
const ended = (callId: string, at: number, unanswered: boolean): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause: unanswered ? 'abandoned' : 'normalClearing', unanswered, queue: 'support', agent: null, waitSec: null, talkSec: null, hungUpBy: 'caller',
});

/** Desk B's own calls: one answered within 8 s, one hung up after 8 s ringing B. */
const SECOND: Array<[number, CallEvent]> = [
  [5000, offered('B1', s(5000), '1100')], [5003, ringing('B1', s(5003))], [5008, answered('B1', s(5008))], [5100, ended('B1', s(5100), false)],
  [5200, offered('B2', s(5200), '2200')], [5201, ringing('B2', s(5201))], [5208, ended('B2', s(5208), true)],
];
/** A queue call both desks watch, abandoned after 60 s before it rang anyone. */
const SHARED: Array<[number, CallEvent]> = [[5400, offered('QS', s(5400), '3300')], [5460, ended('QS', s(5460), true)]];

async function play(desk: TestDesk, script: Array<[number, CallEvent]>): Promise<void> {
  for (const [at, event] of script) {
    desk.clock.ms = s(at);
    await applyCallEvent({ db: desk.store.db, now: desk.clock.now, atDesk: () => desk.ctx.session.userId }, event);
  }
}

/** The shared call called back from this desk. */
async function callBackShared(desk: TestDesk): Promise<void> {
  desk.clock.ms = s(6000);
  const { id } = desk.store.sqlite.prepare("SELECT id FROM missed_calls WHERE call_id = 'QS'").get() as { id: number };
  expect(await markMissedCallsCalledBack(desk.ctx, [id])).toBe(1);
}

let cluster: PgCluster;
let a: TestDesk;
let b: TestDesk;
let union: TestDesk;
let lead: Awaited<ReturnType<typeof teamLogin>>;

beforeAll(async () => {
  cluster = await startTeamServer();
  a = await openTestDesk({ code: 'A01' });
  b = await openTestDesk({ code: 'B02' });
  union = await openTestDesk({ code: 'U00' });
  a.clock.ms = b.clock.ms = union.clock.ms = SEED_MORNING;
  await playPhoneDay(a);
  await play(a, SHARED);
  await play(b, SECOND);
  await play(b, SHARED);
  await callBackShared(b);
  // One database with both desks' phone facts: A's day, B's calls, the shared call once, called back.
  await playPhoneDay(union);
  await play(union, [...SECOND, ...SHARED]);
  await callBackShared(union);
  for (const desk of [a, b]) {
    const { url } = await addTeamLogin(cluster.superUrl, 'desk', desk === a ? 'A01' : 'B02');
    await joinTeam(desk.store, url, { appVersion: '0.1.0' });
  }
  lead = await teamLogin(cluster, 'lead', 'wang');
}, 180_000);

afterAll(async () => {
  await lead?.conn.close();
  for (const desk of [a, b, union]) await desk?.close();
  await cluster?.stop();
});

const range = { from: PHONE_DAY.date, to: PHONE_DAY.date, now: s(7000) };
const policy = defaultPolicy('Asia/Shanghai');
const withoutDesks = <T extends { byDesk: unknown }>({ byDesk: _desks, ...rest }: T) => rest;

describe("team scope's call-centre KPIs", { timeout: 60_000 }, () => {
  it('equal those of one database holding both desks’ phone facts: the queue call both watched counted once, its callback by B met', async () => {
    // Also judged while some callbacks are still due (undecided, in neither side of the rate).
    const early = { ...range, now: s(3000) };
    const [teamEarly, oneEarly] = [await phoneKpis(teamStatsQueries(lead.conn), early, policy), await phoneKpis(sqliteStatsQueries(union.store.db), early, policy)];
    expect(withoutDesks(teamEarly)).toEqual(withoutDesks(oneEarly));
    const team = await phoneKpis(teamStatsQueries(lead.conn), range, policy);
    const one = await phoneKpis(sqliteStatsQueries(union.store.db), range, policy);
    expect(withoutDesks(team)).toEqual(withoutDesks(one));
    expect(teamEarly.callbackRate).not.toEqual(team.callbackRate);
    // A's day (8 offered) and B's two calls and the shared one: 11, not 12.
    expect(team.offered).toBe(PHONE_DAY.counts.offered + 3);
    expect([team.callbacksDue, team.callbacksMet]).toEqual([PHONE_DAY.counts.callbacksDue + 2, PHONE_DAY.counts.callbacksMet + 1]);
    // Every call is some desk's: the desks' rows add up to the team's.
    expect(team.byDesk.map((d) => d.desk)).toEqual(['A01', 'B02']);
    expect(team.byDesk.reduce((n, d) => n + d.offered, 0)).toBe(team.offered);
  });

  it('a desk filter keeps the calls of that desk', async () => {
    const onlyB = await phoneKpis(teamStatsQueries(lead.conn, ['B02']), range, policy);
    const all = await phoneKpis(teamStatsQueries(lead.conn), range, policy);
    expect(onlyB.byDesk).toEqual(all.byDesk.filter((d) => d.desk === 'B02'));
    expect(onlyB.offered).toBe(all.byDesk.find((d) => d.desk === 'B02')!.offered);
  });

  it('hotline stats --team --json gives the KPIs one database holding both desks gives', async () => {
    const tmp = tempDir();
    try {
      const cli = await bundleCli(tmp.dir);
      const args = ['stats', '--from', PHONE_DAY.date, '--to', PHONE_DAY.date, '--json'];
      for (const desk of [a, union]) desk.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      // A lead's desk (A's here) reads team scope with the lead's URL.
      const [team, one] = await Promise.all([
        runCli(cli, [...args, '--team', '--db', a.file], { env: { HOTLINE_TEAM_URL: lead.url } }),
        runCli(cli, [...args, '--db', union.file]),
      ]);
      expect(team.stderr).toBe('');
      expect(team.code).toBe(0);
      type Report = { kpis: Record<string, number | null>; phone: { byDesk: unknown } & Record<string, unknown> };
      const [t, o] = [JSON.parse(team.stdout) as Report, JSON.parse(one.stdout) as Report];
      expect([t.kpis.serviceLevel, t.kpis.abandonRate, t.kpis.asaSec, t.kpis.ahtSec]).toEqual([o.kpis.serviceLevel, o.kpis.abandonRate, o.kpis.asaSec, o.kpis.ahtSec]);
      expect(withoutDesks(t.phone)).toEqual(withoutDesks(o.phone));
      expect(t.phone.offered).toBe(PHONE_DAY.counts.offered + 3);
    } finally {
      tmp.remove();
    }
  }, 120_000);
});

describe('a queue call at midnight two desks in different zones put on different days', { timeout: 60_000 }, () => {
  // 23:59:58 in Shanghai, 00:59:58 the next day in Tokyo; abandoned at 00:00:01 Shanghai time.
  const at = Date.UTC(2024, 5, 10, 15, 59, 58);
  const MIDNIGHT: Array<[number, CallEvent]> = [[at, offered('QM', at, '4400')], [at + 3_000, ended('QM', at + 3_000, true)]];
  const days = ['2024-06-10', '2024-06-11'] as const;
  const deskOf = async (code: string, zone: string) => {
    const desk = await openTestDesk({ code, zone });
    for (const [when, event] of MIDNIGHT) {
      desk.clock.ms = when;
      await applyCallEvent({ db: desk.store.db, now: desk.clock.now, atDesk: () => desk.ctx.session.userId }, event);
    }
    return desk;
  };

  it("counts the call once, on the day of the row that counts it, as one database holding that row does", async () => {
    const shanghai = await deskOf('C03', 'Asia/Shanghai');
    const tokyo = await deskOf('D04', 'Asia/Tokyo');
    // One database holding the winner's row: Shanghai's, whose missed call is the team's (it pushed first).
    const one = await deskOf('U05', 'Asia/Shanghai');
    try {
      expect(shanghai.store.sqlite.prepare('SELECT local_date FROM phone_calls').pluck().get()).toBe(days[0]);
      expect(tokyo.store.sqlite.prepare('SELECT local_date FROM phone_calls').pluck().get()).toBe(days[1]);
      for (const [desk, code] of [[shanghai, 'C03'], [tokyo, 'D04']] as const) {
        const { url } = await addTeamLogin(cluster.superUrl, 'desk', code);
        await joinTeam(desk.store, url, { appVersion: '0.1.0' });
      }
      const scope = ['C03', 'D04'];
      for (const day of days) {
        const r = { from: day, to: day, now: at + 86_400_000 };
        const team = await phoneKpis(teamStatsQueries(lead.conn, scope), r, policy);
        const single = await phoneKpis(sqliteStatsQueries(one.store.db), r, policy);
        expect(withoutDesks(team), day).toEqual(withoutDesks(single));
      }
      // The call is the 10th's only: Tokyo's row of the 11th does not count it again.
      const [tenth, eleventh] = await Promise.all(days.map((day) => phoneKpis(teamStatsQueries(lead.conn, scope), { from: day, to: day, now: at + 86_400_000 }, policy)));
      expect([tenth!.offered, tenth!.abandoned, eleventh!.offered]).toEqual([1, 1, 0]);
      expect(tenth!.byDesk.map((d) => d.desk)).toEqual(['C03']);
    } finally {
      for (const desk of [shanghai, tokyo, one]) await desk.close();
    }
  });
});
