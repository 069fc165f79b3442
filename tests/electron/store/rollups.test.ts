import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../electron/demo/generate';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;

/** The rollups as they would be built from scratch over the calls now in the table. */
const FROM_SCRATCH: Record<string, string> = {
  stats_day: `SELECT desk_code, local_date, count(*) calls, sum(answered_at IS NOT NULL) answered, sum(coalesce(answered_at - call_at, 0)) response_ms_sum,
      sum(coalesce(answered_at <= response_due_at, 0)) response_met, sum(coalesce(answered_at > response_due_at, 0)) response_late,
      sum(coalesce(resolved_at <= resolution_due_at, 0)) resolved_in_target, sum(resolved_at IS NOT NULL OR coalesce(result = 'cannot_resolve', 0)) resolution_settled,
      sum(coalesce(ended_breach, 0)) ended_breach, sum(coalesce(score_speed, 0)) speed_sum, sum(feedback = 'unsatisfied') fb_unsatisfied
    FROM calls GROUP BY desk_code, local_date ORDER BY 1, 2`,
  stats_dim: `SELECT desk_code, local_date, coalesce(priority, '') p, coalesce(category, '') c, coalesce(result, '') r, count(*) calls,
      sum(coalesce(answered_at <= response_due_at, 0)) response_met, sum(coalesce(resolved_at <= resolution_due_at, 0)) resolved_in_target
    FROM calls GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  stats_agent: `SELECT desk_code, local_date, agent, count(*) calls, sum(coalesce(ended_breach, 0)) ended_breach FROM calls GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  stats_response: `SELECT desk_code, local_date, (answered_at - call_at) / 6000 tenth, count(*) calls FROM calls WHERE answered_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
};
const AS_KEPT: Record<string, string> = {
  stats_day: `SELECT desk_code, local_date, calls, answered, response_ms_sum, response_met, response_late, resolved_in_target, resolution_settled, ended_breach, speed_sum, fb_unsatisfied
    FROM stats_day WHERE calls <> 0 ORDER BY 1, 2`,
  stats_dim: `SELECT desk_code, local_date, priority, category, result, calls, response_met, resolved_in_target FROM stats_dim WHERE calls <> 0 ORDER BY 1, 2, 3, 4, 5`,
  stats_agent: `SELECT desk_code, local_date, agent, calls, ended_breach FROM stats_agent WHERE calls <> 0 ORDER BY 1, 2, 3`,
  stats_response: `SELECT desk_code, local_date, tenth, calls FROM stats_response WHERE calls <> 0 ORDER BY 1, 2, 3`,
};

beforeAll(async () => {
  desk = await openTestDesk();
  await fillDemo(desk.store, { records: 1500, days: 30, seed: 'rollups', until: '2024-05-19', today: desk.clock.ms, append: true });
  // Changes through the handlers too: the update and insert triggers must keep every rollup exact.
  const call = await callAtStage(desk, 'answered', {
    fields: { priority: 'urgent', category: 'technical', reason: '系统宕机', scoreSpeed: 2, feedback: 'unsatisfied', feedbackReason: '太慢' },
    answerAfter: 20,
    result: 'resolved',
  });
  await desk.ok('correctMoment', { id: call.id, moment: 'answer', at: '14:33', changeReason: '按通话记录更正' });
  await desk.ok('updateCall', { id: call.id, patch: { priority: 'important', category: 'service' } });
});
afterAll(() => desk.close());

describe('statistics rollups', () => {
  it.each(Object.keys(FROM_SCRATCH))('%s equals a from-scratch aggregation after bulk inserts and handler updates', (table) => {
    const kept = desk.store.sqlite.prepare(AS_KEPT[table]!).raw().all();
    const scratch = desk.store.sqlite.prepare(FROM_SCRATCH[table]!).raw().all();
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(scratch);
  });
});
