import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../shared/api/records';
import type { ApiResult } from '../../../shared/api/result';
import { CALL_MOMENTS, momentVerdict, type CallMoment } from '../../../shared/domain/callFlow';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The handlers accept exactly what the call-flow rule allows: each state is built through the
 * real handlers on a real database, then each moment is pressed on a fresh call in that state,
 * and the answer is the rule's verdict for the record the renderer would hold (getCall).
 */
let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk();
});
afterAll(async () => {
  await desk.close();
});

/** One minute per click, so every moment is on time and after the one before. */
const tick = () => desk.clock.advance(1);

const STATES: Record<string, (id: number) => Promise<void>> = {
  ringing: async () => {},
  'answered, no result': async (id) => {
    await desk.ok('answerCall', { id });
  },
  'answered with a result': async (id) => {
    await desk.ok('answerCall', { id });
    await desk.ok('setResult', { id, result: 'resolved' });
  },
  'transfer unanswered, result chosen': async (id) => {
    await desk.ok('answerCall', { id });
    await desk.ok('setResult', { id, result: 'resolved' });
    tick();
    await desk.ok('transferCall', { id, to: '技术部' });
  },
  'transfer answered, no result': async (id) => {
    await desk.ok('answerCall', { id });
    tick();
    await desk.ok('transferCall', { id, to: '技术部' });
    tick();
    await desk.ok('answerTransfer', { id });
  },
  'unsatisfied without a reason': async (id) => {
    await desk.ok('answerCall', { id });
    await desk.ok('setResult', { id, result: 'resolved' });
    await desk.ok('updateCall', { id, patch: { feedback: 'unsatisfied' } });
  },
  closed: async (id) => {
    await desk.ok('answerCall', { id });
    await desk.ok('setResult', { id, result: 'resolved' });
    tick();
    await desk.ok('closeCall', { id });
  },
  'voided with a transfer unanswered': async (id) => {
    await desk.ok('answerCall', { id });
    tick();
    await desk.ok('transferCall', { id, to: '技术部' });
    await desk.ok('voidCall', { id, reason: '误按新来电' });
  },
};

const press = (moment: CallMoment, id: number): Promise<ApiResult<CallRecord>> => {
  switch (moment) {
    case 'start':
      return desk.call('startCall', {});
    case 'answer':
      return desk.call('answerCall', { id });
    case 'transfer':
      return desk.call('transferCall', { id, to: '客服二组' });
    case 'answerTransfer':
      return desk.call('answerTransfer', { id });
    case 'addStep':
      return desk.call('addStep', { id, text: '核实订单' });
    case 'close':
      return desk.call('closeCall', { id });
  }
};

/** Every answer seen, so the table is known to have met each verdict (a rule that allowed all would fail). */
const seen = new Set<string>();

describe('each moment handler accepts exactly what the call-flow rule allows', () => {
  for (const [state, build] of Object.entries(STATES)) {
    it.each(CALL_MOMENTS)(`${state}: %s`, async (moment) => {
      tick();
      const { id } = await desk.ok('startCall', {});
      tick();
      await build(id);
      const held = await desk.ok('getCall', { id });
      const verdict = momentVerdict(held, moment);
      tick();
      const result = await press(moment, id);
      if (verdict.allowed) expect(result.ok ? 'accepted' : result.error.code).toBe('accepted');
      else expect(result.ok ? 'accepted' : result.error.code).toBe(verdict.code);
      seen.add(verdict.allowed ? 'allowed' : verdict.code);
    });
  }

  it('met every verdict the rule can give', () => {
    expect([...seen].sort()).toEqual(
      ['allowed', 'already_answered', 'already_closed', 'feedback_reason_required', 'no_open_transfer', 'not_answered', 'record_voided', 'result_required', 'transfer_pending'].sort(),
    );
  });
});
