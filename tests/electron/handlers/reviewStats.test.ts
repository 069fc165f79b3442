import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdatePatch } from '../../../shared/api/contract';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
const DAY = 24 * 3_600_000;

/** A call that waits `wait` minutes for an answer, with the given fields and result; the clock moves on 30 minutes. */
async function logCall(wait: number, patch: UpdatePatch, result: 'resolved' | 'in_progress' | null, step?: string) {
  const followUp = result === 'in_progress' ? { followUpDue: '2024-06-30 10:00', followUpOwner: '张工' } : {};
  const call = await callAtStage(desk, 'answered', { fields: patch, answerAfter: wait, ...(step && { steps: [step] }), ...(result && { result }), ...followUp });
  desk.clock.advance(30 - wait);
  return call;
}

beforeEach(async () => {
  desk = await openTestDesk();
  // 20 May: three calls; 21 May: two.
  await logCall(2, { priority: 'urgent', category: 'technical', reason: '系统宕机', feedback: 'satisfied', scoreSpeed: 5 }, 'resolved', '远程重启服务');
  await logCall(20, { priority: 'urgent', category: 'technical', reason: '系统宕机', feedback: 'unsatisfied', feedbackReason: '等太久', scoreSpeed: 2 }, 'resolved');
  await logCall(1, { priority: 'general', category: 'order', reason: '订单物流异常', requestType: 'complaint' }, 'in_progress', '联系物流网点核实');
  desk.clock.ms = SEED_MORNING + DAY;
  await logCall(3, { priority: 'important', category: 'service', reason: '订单物流异常', feedback: 'basically_satisfied' }, 'resolved');
  await logCall(70, { priority: 'important', category: 'service', reason: '退款进度查询' }, 'resolved');
});
afterEach(async () => {
  await desk.close();
});

const review = (extra: object = {}) => desk.ok('reviewRecords', { from: '2024-05-20', to: '2024-05-21', ...extra });

describe('the Review query', () => {
  it('lists a range newest first, and pages through it', async () => {
    const all = await review();
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.recordNo)).toEqual(['CS20240521002', 'CS20240521001', 'CS20240520003', 'CS20240520002', 'CS20240520001']);
    const page = await review({ offset: 2, limit: 2 });
    expect(page.rows.map((r) => r.recordNo)).toEqual(['CS20240520003', 'CS20240520002']);
  });

  it('finds the breached calls, and each filter narrows the list', async () => {
    const breached = await review({ state: 'breached' });
    expect(breached.rows.map((r) => r.recordNo).sort()).toEqual(['CS20240520002', 'CS20240521002']);
    expect((await review({ state: 'open' })).rows.map((r) => r.recordNo)).toEqual(['CS20240520003']);
    expect((await review({ priority: 'urgent' })).total).toBe(2);
    expect((await review({ category: 'service', state: 'met' })).rows.map((r) => r.recordNo)).toEqual(['CS20240521001']);
    expect((await review({ requestType: 'complaint' })).total).toBe(1);
    expect((await review({ result: 'in_progress' })).total).toBe(1);
    expect((await review({ agent: '李娜' })).total).toBe(5);
    expect((await review({ agent: 'nobody' })).total).toBe(0);
  });

  it('gives each row its miss reasons, so the breached list says why without opening a record', async () => {
    const late = (await review({ state: 'breached' })).rows.find((r) => r.recordNo === 'CS20240521002')!;
    expect(late.missReasons).toEqual([]);
    await desk.ok('addMissReason', { id: late.id, kind: 'response', index: 0, code: 'other', text: '系统升级，来电排队' });
    const rows = (await review({ state: 'breached' })).rows;
    expect(rows.find((r) => r.id === late.id)!.missReasons).toEqual([{ kind: 'response', index: 0, code: 'other', text: '系统升级，来电排队' }]);
    // Only that record's: the other breached call has none.
    expect(rows.find((r) => r.id !== late.id)!.missReasons).toEqual([]);
  });

  it('searches call reasons, steps and remarks, and sorts by any column', async () => {
    expect((await review({ text: '物流' })).total).toBe(2);
    expect((await review({ text: '重启' })).rows.map((r) => r.recordNo)).toEqual(['CS20240520001']);
    expect((await review({ text: '%' })).total).toBe(0);
    const byResponse = await review({ sort: 'response', dir: 'asc' });
    expect(byResponse.rows.map((r) => r.responseMinutes)).toEqual([1, 2, 3, 20, 70]);
  });
});

describe('statistics', () => {
  it('counts the period the way the record sheet would', async () => {
    const s = await desk.ok('getStats', { from: '2024-05-20', to: '2024-05-21' });
    expect(s.kpis).toMatchObject({ calls: 5, answered: 5, responseCompliance: 3 / 5, avgResponseMin: 19.2 });
    expect(s.volumeByDay).toEqual([
      { date: '2024-05-20', calls: 3 },
      { date: '2024-05-21', calls: 2 },
    ]);
    expect(s.volumeByHour.filter((h) => h.calls > 0)).toEqual([
      { hour: 14, calls: 4 },
      { hour: 15, calls: 1 },
    ]);
    expect(s.response).toMatchObject({ medianMin: 3, p90Min: 70, maxMin: 70 });
    expect(s.response.histogram.find((b) => b.label === '1–2')?.calls).toBe(1);
    expect(s.response.histogram.find((b) => b.label === '60–120')?.calls).toBe(1);
    expect(s.complianceByPriority).toEqual(
      expect.arrayContaining([
        { priority: 'urgent', calls: 2, met: 1, breached: 1, open: 0, rate: 0.5 },
        { priority: 'important', calls: 2, met: 1, breached: 1, open: 0, rate: 0.5 },
      ]),
    );
    const technical = s.resolutionByCategory.find((c) => c.category === 'technical')!;
    expect(technical).toMatchObject({ decided: 2, resolvedInTarget: 2, rate: 1, target: 95, below: false });
    expect(s.satisfaction).toEqual(expect.arrayContaining([{ feedback: 'unsatisfied', calls: 1 }]));
    expect(s.topReasons[0]).toEqual({ reason: '系统宕机', calls: 2 });
    expect(s.agents).toEqual([{ agent: '李娜', calls: 5, avgResponseMin: 19.2, breaches: 2, openFollowUps: 1 }]);
    // Callbacks and team-lead follow-ups start when a call closes; none of these is closed.
    expect(s.followUps).toMatchObject({ resolutionsOpen: 1, callbacksOpen: 0, leadFollowUpsOpen: 0 });
  });

  it('marks a category below its resolution-rate target', async () => {
    const late = await desk.ok('startCall', { at: '2024-05-20 16:00' });
    await desk.ok('updateCall', { id: late.id, patch: { priority: 'urgent', category: 'technical' } });
    desk.clock.ms = SEED_MORNING + 10 * DAY;
    const s = await desk.ok('getStats', { from: '2024-05-20', to: '2024-05-21' });
    expect(s.resolutionByCategory.find((c) => c.category === 'technical')).toMatchObject({ decided: 3, resolvedInTarget: 2, target: 95, below: true });
    expect(s.resolutionByCategory.find((c) => c.category === 'service')).toMatchObject({ rate: 1, target: 98, below: false });
    expect(s.resolutionByCategory.find((c) => c.category === 'order')).toMatchObject({ decided: 1, resolvedInTarget: 0, target: null, below: false });
    expect(s.followUps.resolutionsOverdue).toBe(1);
  });

  it('measures an improvement before and after its start date', async () => {
    const measures = await desk.ok('saveMeasure', {
      problem: '高峰期响应超时',
      rootCause: '排班不足',
      measure: '高峰期增加两名坐席',
      owner: '张主管',
      deadline: '2024-06-30',
      startDate: '2024-05-21',
      metric: 'avgResponseMin',
    });
    expect(measures[0]!.effect).toEqual({ before: 7.7, after: 36.5, beforeRange: ['2024-05-20', '2024-05-20'], afterRange: ['2024-05-21', '2024-05-21'] });
  });
});
