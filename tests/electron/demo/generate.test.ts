import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo, type DemoOptions, type DemoSummary } from '../../../electron/demo/generate';
import { DemoRefusedError } from '../../../electron/demo/setup';
import { openStore, type Store } from '../../../electron/store/openDb';
import { localDate, localHour } from '../../../shared/timing/localTime';
import { formatRecordNo } from '../../../shared/timing/recordNo';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

const tmp = tempDir('hotline-demo-');
const OPTIONS: DemoOptions = { records: 1500, days: 56, seed: 'test', until: '2026-03-29', today: Date.UTC(2026, 10, 23) };
const TABLES = ['desk', 'users', 'policies', 'calls', 'transfers', 'steps', 'miss_reasons', 'daily_serials'];

async function generate(name: string, options: Partial<DemoOptions> = {}): Promise<{ store: Store; summary: DemoSummary }> {
  const store = await openStore(path.join(tmp.dir, name));
  return { store, summary: await fillDemo(store, { ...OPTIONS, ...options }) };
}

/** Every row of every table the demo writes, in order, hashed. */
function hashOf(store: Store): string {
  const hash = createHash('sha256');
  for (const table of TABLES) hash.update(JSON.stringify(store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  return hash.digest('hex');
}

const share = (store: Store, where: string): number =>
  store.sqlite.prepare(`SELECT avg(CASE WHEN ${where} THEN 1.0 ELSE 0 END) FROM calls`).pluck().get() as number;

/** A share within `tolerance` of the target (1,500 calls: one standard error is about 1 point). */
function expectShare(store: Store, where: string, target: number, tolerance = 0.03): void {
  const actual = share(store, where);
  expect(Math.abs(actual - target), `${where}: ${actual}`).toBeLessThan(tolerance);
}

let a: Store;
let summary: DemoSummary;
beforeAll(async () => {
  ({ store: a, summary } = await generate('a.db'));
});
afterAll(async () => {
  await a.close();
  tmp.remove();
});

describe('hotline demo: the generator', () => {
  it('sets a fresh file up as desk DEMO in Shanghai, with an admin, the agents and a team lead', () => {
    expect(summary).toMatchObject({ records: 1500, days: 56, agents: 5, from: '2026-02-02', until: '2026-03-29', deskCode: 'DEMO' });
    expect(a.sqlite.prepare('SELECT code, time_zone FROM desk').get()).toEqual({ code: 'DEMO', time_zone: 'Asia/Shanghai' });
    const users = a.sqlite.prepare('SELECT name, role FROM users ORDER BY id').all();
    expect(users).toEqual([
      { name: '管理员', role: 'admin' },
      ...['张伟', '王芳', '李娜', '刘敏', '陈静'].map((name) => ({ name, role: 'agent' })),
      { name: '郑建国', role: 'team_lead' },
    ]);
    expect(a.sqlite.prepare('SELECT count(*) FROM policies').pluck().get()).toBe(1);
    const strangers = a.sqlite.prepare("SELECT count(*) FROM calls LEFT JOIN users u ON u.id = calls.agent_id WHERE u.name IS NOT calls.agent OR u.role <> 'agent'");
    expect(strangers.pluck().get()).toBe(0);
  });

  it('gives byte-identical data for the same seed and last day, and other data for another seed', async () => {
    const b = await generate('b.db');
    const c = await generate('c.db', { seed: 'other' });
    expect(hashOf(b.store)).toBe(hashOf(a));
    expect(hashOf(c.store)).not.toBe(hashOf(a));
    await b.store.close();
    await c.store.close();
  });

  it('numbers records CS+date+serial, gap-free per day, in call order, with daily_serials in step', () => {
    const rows = a.sqlite.prepare('SELECT record_no, local_date, local_hour, call_at, time_zone FROM calls ORDER BY id').all() as Array<{
      record_no: string;
      local_date: string;
      local_hour: number;
      call_at: number;
      time_zone: string;
    }>;
    expect(new Set(rows.map((r) => r.record_no)).size).toBe(rows.length);
    const perDay = new Map<string, number>();
    let previous = 0;
    for (const r of rows) {
      const serial = (perDay.get(r.local_date) ?? 0) + 1;
      perDay.set(r.local_date, serial);
      expect(r.record_no).toBe(formatRecordNo(r.local_date, serial));
      expect(localDate(r.call_at, r.time_zone)).toBe(r.local_date);
      expect(localHour(r.call_at, r.time_zone)).toBe(r.local_hour);
      expect(r.call_at).toBeGreaterThanOrEqual(previous);
      previous = r.call_at;
    }
    const serials = a.sqlite.prepare("SELECT local_date, last_serial FROM daily_serials WHERE desk_code = 'DEMO'").all() as Array<{ local_date: string; last_serial: number }>;
    expect(new Map(serials.map((s) => [s.local_date, s.last_serial]))).toEqual(perDay);
  });

  it('keeps only four digits of each phone', () => {
    expect(a.sqlite.prepare("SELECT count(*) FROM calls WHERE phone_last4 IS NULL OR phone_last4 NOT GLOB '[0-9][0-9][0-9][0-9]'").pluck().get()).toBe(0);
  });

  it('spreads calls as a hotline sees them: 08:00–21:00, busiest mid-morning and mid-afternoon, fewer at weekends', () => {
    const hours = a.sqlite.prepare('SELECT local_hour AS hour, count(*) AS n FROM calls GROUP BY local_hour').all() as Array<{ hour: number; n: number }>;
    const byHour = new Map(hours.map((h) => [h.hour, h.n]));
    expect(Math.min(...byHour.keys())).toBeGreaterThanOrEqual(8);
    expect(Math.max(...byHour.keys())).toBeLessThanOrEqual(20);
    expect(byHour.get(10)!).toBeGreaterThan(2 * byHour.get(12)!);
    expect(byHour.get(15)!).toBeGreaterThan(2 * byHour.get(19)!);
    const days = a.sqlite
      .prepare("SELECT strftime('%w', local_date) IN ('0', '6') AS weekend, count(*) * 1.0 / count(DISTINCT local_date) AS perDay FROM calls GROUP BY weekend")
      .all() as Array<{ weekend: number; perDay: number }>;
    const [weekday, weekend] = [days.find((d) => !d.weekend)!.perDay, days.find((d) => d.weekend)!.perDay];
    expect(weekend / weekday).toBeGreaterThan(0.35);
    expect(weekend / weekday).toBeLessThan(0.55);
  });

  it('has the shares the issue asks for, within sampling tolerance', () => {
    expectShare(a, "request_type = 'complaint'", 0.12);
    expectShare(a, "priority = 'urgent'", 0.1);
    expectShare(a, "priority = 'important'", 0.3);
    expectShare(a, "priority = 'general'", 0.6);
    expectShare(a, "result = 'resolved'", 0.8);
    expectShare(a, 'id IN (SELECT call_id FROM transfers)', 0.2);
    expect(share(a, "feedback = 'unsatisfied'")).toBeGreaterThan(0.04);
    expect(share(a, 'answered_at - call_at <= 300000')).toBeGreaterThan(0.8);
    // The long tail: some responses miss even the urgent and important targets.
    expect(share(a, 'answered_at > response_due_at')).toBeGreaterThan(0.005);
    expect(a.sqlite.prepare("SELECT count(*) FROM calls WHERE priority = 'important' AND answered_at > response_due_at").pluck().get()).toBeGreaterThan(0);
    const departments = a.sqlite.prepare('SELECT DISTINCT to_owner FROM transfers ORDER BY to_owner').pluck().all();
    expect(departments).toEqual(['财务部', '技术部', '物流部', '运营部', '售后部'].sort());
    const onTheLine = 'SELECT count(*) AS c FROM steps JOIN calls ON calls.id = steps.call_id WHERE steps.at <= calls.closed_at GROUP BY call_id';
    const steps = a.sqlite.prepare(`SELECT count(*), min(c), max(c) FROM (${onTheLine})`).raw().get();
    expect(steps).toEqual([1500, 1, 4]);
    // Most complaints and unsatisfied customers got their callback.
    expect(
      a.sqlite.prepare("SELECT avg(callback_done_at IS NOT NULL) FROM calls WHERE request_type = 'complaint' OR feedback = 'unsatisfied'").pluck().get(),
    ).toBeGreaterThan(0.75);
    expect(a.sqlite.prepare("SELECT count(*) FROM calls WHERE result = 'in_progress' AND (follow_up_due_at IS NULL OR follow_up_owner IS NULL)").pluck().get()).toBe(0);
    expect(a.sqlite.prepare("SELECT count(*) FROM calls WHERE result = 'cannot_resolve' AND result_note IS NULL").pluck().get()).toBe(0);
    expect(a.sqlite.prepare("SELECT count(*) FROM calls WHERE feedback = 'unsatisfied' AND feedback_reason IS NULL").pluck().get()).toBe(0);
  });

  it('leaves synchronous at FULL after the bulk load', () => {
    expect(a.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses a database that already has calls, and adds to it with append, serials continuing', async () => {
    await expect(fillDemo(a, OPTIONS)).rejects.toBeInstanceOf(DemoRefusedError);
    await expect(fillDemo(a, OPTIONS)).rejects.toThrow('already has 1500 calls');
    await expect(fillDemo(a, { ...OPTIONS, append: true, until: '2026-11-23' })).rejects.toThrow('(2026-11-23) is not over yet in Asia/Shanghai');
    await fillDemo(a, { ...OPTIONS, records: 300, append: true, seed: 'more' });
    expect(a.sqlite.prepare('SELECT count(*), count(DISTINCT record_no) FROM calls').raw().get()).toEqual([1800, 1800]);
    const stale = a.sqlite.prepare(
      'SELECT count(*) FROM daily_serials s WHERE s.last_serial <> (SELECT count(*) FROM calls c WHERE c.local_date = s.local_date)',
    );
    expect(stale.pluck().get()).toBe(0);
    expect(a.sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(7);
  });

  it('fills a desk already set up with its own code and zone, and reuses its profiles by name', async () => {
    const desk = await openTestDesk({ zone: 'Europe/Berlin', file: path.join(tmp.dir, 'berlin.db') });
    const result = await fillDemo(desk.store, { ...OPTIONS, records: 200 });
    expect(result.deskCode).toBe('A03');
    const rows = desk.store.sqlite.prepare('SELECT DISTINCT desk_code, time_zone FROM calls').all();
    expect(rows).toEqual([{ desk_code: 'A03', time_zone: 'Europe/Berlin' }]);
    // Its last day is the spring-forward Sunday: hours are still read in the zone.
    const calls = desk.store.sqlite.prepare('SELECT call_at, local_hour FROM calls').all() as Array<{ call_at: number; local_hour: number }>;
    for (const c of calls) expect(c.local_hour).toBe(localHour(c.call_at, 'Europe/Berlin'));
    expect(Math.min(...calls.map((c) => c.local_hour))).toBeGreaterThanOrEqual(8);
    // The desk's own admin 李娜 takes calls as the third agent; no second 李娜 appears.
    expect(desk.store.sqlite.prepare("SELECT count(*) FROM users WHERE name = '李娜'").pluck().get()).toBe(1);
    await desk.close();
  });
});
