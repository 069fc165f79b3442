import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 6 (docs/durability.md, "A clock that jumps backwards"): a click whose
 * clock reads earlier than a moment already on the record is logged at that
 * moment, never with a negative duration, and the record is flagged for review.
 */

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(async () => {
  await desk.close();
});

const HOUR = 3_600_000;
const clockRows = async (id: number) => (await desk.ok('getAudit', { id })).filter((a) => a.field === 'clockBehind');

describe('a system clock set back while a call is open', () => {
  it('logs the answer at the call moment, with a response of 0 minutes, and flags the record by how far the clock was behind', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.ms -= HOUR; // 13:15 on a call that came in at 14:15
    const answered = await desk.ok('answerCall', { id: call.id });
    expect(answered.answeredAt).toBe(call.callAt);
    expect(answered.responseMinutes).toBe(0);
    expect(answered.clockBehindMs).toBe(3_600_000);

    const audit = await desk.ok('getAudit', { id: call.id });
    expect(audit.map((a) => [a.field, a.newValue, a.at])).toEqual([
      ['answeredAt', String(call.callAt), call.callAt],
      ['clockBehind', '3600000', call.callAt],
    ]);
    expect((await clockRows(call.id))[0]).toMatchObject({ oldValue: null, actor: '李娜', reason: null });
    expect(desk.store.sqlite.prepare('SELECT clock_behind_ms, updated_at FROM calls WHERE id = ?').get(call.id)).toEqual({ clock_behind_ms: 3_600_000, updated_at: call.callAt });
  });

  it('still refuses a TYPED answer time before the call, and changes nothing', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.ms -= HOUR;
    expect(await desk.call('answerCall', { id: call.id, at: '14:10' })).toMatchObject({ ok: false, error: { code: 'answer_before_call', field: 'at' } });
    const record = await desk.ok('getCall', { id: call.id });
    expect(record.answeredAt).toBeNull();
    expect(record.clockBehindMs).toBeNull();
    expect(await desk.ok('getAudit', { id: call.id })).toEqual([]);
  });

  it('keeps every moment of a whole call in order, every duration at 0 or more, and the largest lag seen', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.advance(3);
    await desk.ok('answerCall', { id: call.id }); // 14:18
    desk.clock.ms = call.callAt - 30 * 60_000; // 13:45: 33 minutes behind the answer
    await desk.ok('transferCall', { id: call.id, to: '技术部' });
    desk.clock.ms = call.callAt - 90 * 60_000; // 12:45: 93 minutes behind
    await desk.ok('answerTransfer', { id: call.id });
    await desk.ok('addStep', { id: call.id, text: '远程指导' });
    await desk.ok('setResult', { id: call.id, result: 'resolved' });
    desk.clock.advance(10); // still behind, by less
    const closed = await desk.ok('closeCall', { id: call.id });

    const answeredAt = call.callAt + 3 * 60_000;
    expect(closed.responseMinutes).toBe(3);
    expect(closed.transfers).toEqual([expect.objectContaining({ transferredAt: answeredAt, answeredAt, secondResponseMinutes: 0 })]);
    expect(closed.steps.map((s) => s.at)).toEqual([answeredAt]);
    expect([closed.resolvedAt, closed.closedAt]).toEqual([answeredAt, answeredAt]);
    expect(closed.clockBehindMs).toBe(93 * 60_000);
    // One flag row per click made while the clock was behind.
    expect((await clockRows(call.id)).map((a) => a.newValue)).toEqual([
      String(33 * 60_000),
      String(93 * 60_000),
      String(93 * 60_000),
      String(93 * 60_000),
      String(83 * 60_000),
    ]);
  });

  it('judges a typed correction against the latest moment on the record, not the clock that is behind', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.advance(2);
    await desk.ok('answerCall', { id: call.id }); // 14:17
    desk.clock.ms -= HOUR; // 13:17: "14:16" would read as a time in the future
    const corrected = await desk.ok('correctMoment', { id: call.id, moment: 'answer', at: '14:16', changeReason: '按通话记录更正' });
    expect(corrected.answeredAt).toBe(call.callAt + 60_000);
    expect(corrected.clockBehindMs).toBe(HOUR);
  });

  it('leaves a record logged with a sound clock unflagged', async () => {
    const call = await callAtStage(desk, 'answered', { answerAfter: 2 });
    expect(call.clockBehindMs).toBeNull();
    desk.clock.advance(1);
    expect((await desk.ok('addStep', { id: call.id, text: '查询订单' })).clockBehindMs).toBeNull();
    expect(await clockRows(call.id)).toEqual([]);
  });
});

describe('the review of clock problems', () => {
  it('finds exactly the flagged records; statistics and rollups stay sound', async () => {
    const sound = await callAtStage(desk, 'answered', { answerAfter: 2 });
    desk.clock.advance(10);
    const flagged = await desk.ok('startCall', {});
    desk.clock.ms -= HOUR;
    await desk.ok('answerCall', { id: flagged.id });
    desk.clock.ms = SEED_MORNING + 2 * HOUR;
    const other = await desk.ok('startCall', {});

    const page = await desk.ok('reviewRecords', { from: '2024-05-20', to: '2024-05-20', state: 'clock' });
    expect(page.total).toBe(1);
    expect(page.rows.map((r) => r.recordNo)).toEqual([flagged.recordNo]);
    expect(page.rows[0]!.responseMinutes).toBe(0);
    expect((await desk.ok('reviewRecords', { from: '2024-05-20', to: '2024-05-20' })).total).toBe(3);
    expect((await desk.ok('getCall', { id: sound.id })).clockBehindMs).toBeNull();
    expect((await desk.ok('getCall', { id: other.id })).clockBehindMs).toBeNull();

    const stats = await desk.ok('getStats', { from: '2024-05-20', to: '2024-05-20' });
    expect(stats.kpis).toMatchObject({ calls: 3, answered: 2, avgResponseMin: 1 });
    expect(stats.response.histogram.reduce((n, b) => n + b.calls, 0)).toBe(2);
    expect(stats.response.medianMin).toBeGreaterThanOrEqual(0);
    expect(stats.response.maxMin).toBe(2);

    // The rollup triggers still fire on every update of calls, flag included.
    const sqlite = desk.store.sqlite;
    expect(sqlite.prepare('SELECT calls, answered, response_ms_sum FROM stats_day').get()).toEqual(
      sqlite.prepare('SELECT count(*) calls, sum(answered_at IS NOT NULL) answered, sum(coalesce(answered_at - call_at, 0)) response_ms_sum FROM calls').get(),
    );
    expect(sqlite.prepare('SELECT tenth, calls FROM stats_response WHERE calls <> 0 ORDER BY tenth').all()).toEqual([
      { tenth: 0, calls: 1 },
      { tenth: 20, calls: 1 },
    ]);
  });
});
