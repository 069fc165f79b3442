import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { evaluateTargets, isLowSatisfaction, missingReasons, type TargetKind, type TimingInput } from '../../../shared/timing/compliance';

const policy = defaultPolicy('Asia/Shanghai');
const MIN = 60_000;
const t = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' }).toMillis();

const base: TimingInput = {
  callAt: t('2024-05-20T10:00'),
  answeredAt: null,
  priority: null,
  requestType: null,
  transfers: [],
  lastUpdateAt: null,
  untracked: [],
  result: null,
  resolvedAt: null,
  resultToldAt: null,
  closedAt: null,
  feedback: null,
  scores: [],
  texts: [],
  callbackDoneAt: null,
  leadFollowUpDoneAt: null,
};
const target = (input: Partial<TimingInput>, kind: TargetKind, now = t('2024-05-20T12:00'), index = 0) =>
  evaluateTargets({ ...base, ...input }, policy, now).find((s) => s.kind === kind && s.index === index)!;

describe("the seeds' examples get the seeds' verdicts (seed 000)", () => {
  it('a VIP technical fault (urgent) answered after 12 minutes meets its 15-minute target', () => {
    const s = target({ priority: 'urgent', answeredAt: base.callAt + 12 * MIN }, 'response');
    expect(s.state).toBe('met');
    expect(s.elapsedMs).toBe(12 * MIN);
  });

  it('a regular complaint (important) answered after 1 h 5 min breaches its 1-hour target', () => {
    const s = target({ priority: 'important', requestType: 'complaint', answeredAt: base.callAt + 65 * MIN }, 'response');
    expect(s.state).toBe('breached');
    expect(s.remainingMs).toBe(-5 * MIN);
  });
});

describe('states while a target runs', () => {
  it.each([
    [10, 'running'],
    [12, 'near'],
    [15, 'near'],
    [16, 'breached'],
  ] as const)('an urgent call waiting %i minutes is %s (near from 80 %%)', (minutes, state) => {
    expect(target({ priority: 'urgent' }, 'response', base.callAt + minutes * MIN).state).toBe(state);
  });

  it('a general call at Friday 17:30 is due for resolution Wednesday 17:30 and counts working time only', () => {
    const friday = t('2024-05-24T17:30');
    const s = target({ callAt: friday, priority: 'general' }, 'resolution', t('2024-05-27T10:00'));
    expect(s.dueAt).toBe(t('2024-05-29T17:30'));
    expect(s.elapsedMs).toBe(90 * MIN);
    expect(s.state).toBe('running');
  });

  it('judges a record without priority by the default level', () => {
    expect(target({}, 'response').dueAt).toBe(base.callAt + 4 * 60 * MIN);
  });
});

describe('process targets', () => {
  it('measures each transfer’s second response, and how soon a complex call was transferred', () => {
    const answeredAt = base.callAt + 2 * MIN;
    const transfers = [
      { transferredAt: answeredAt + 40 * MIN, answeredAt: answeredAt + 45 * MIN },
      { transferredAt: answeredAt + 60 * MIN, answeredAt: answeredAt + 80 * MIN },
    ];
    expect(target({ answeredAt, transfers }, 'secondResponse', undefined, 0).state).toBe('met');
    expect(target({ answeredAt, transfers }, 'secondResponse', undefined, 1).state).toBe('breached');
    expect(target({ answeredAt, transfers }, 'transferWithin').state).toBe('breached');
    expect(target({ answeredAt }, 'transferWithin').state).toBe('na');
  });

  it('runs the progress-update clock only while a call is in progress, from the last step', () => {
    const lastUpdateAt = base.callAt + 30 * MIN;
    expect(target({ priority: 'urgent', result: 'in_progress', lastUpdateAt }, 'progressUpdate', lastUpdateAt + 50 * MIN).state).toBe('near');
    expect(target({ priority: 'urgent', result: 'in_progress', lastUpdateAt }, 'progressUpdate', lastUpdateAt + 61 * MIN).state).toBe('breached');
    expect(target({ priority: 'urgent', result: 'resolved', lastUpdateAt }, 'progressUpdate').state).toBe('na');
  });

  it('expects the result told within 30 minutes of resolution', () => {
    const resolvedAt = base.callAt + 60 * MIN;
    expect(target({ resolvedAt, resultToldAt: resolvedAt + 20 * MIN }, 'resultTold').state).toBe('met');
    expect(target({ resolvedAt, resultToldAt: null }, 'resultTold', resolvedAt + 31 * MIN).state).toBe('breached');
  });

  it('calls back complaints and unsatisfied customers within 24 h of closing', () => {
    const closedAt = base.callAt + 10 * MIN;
    expect(target({ requestType: 'complaint', closedAt }, 'callback', closedAt + 23 * 60 * MIN).state).toBe('near');
    expect(target({ feedback: 'unsatisfied', closedAt }, 'callback', closedAt + 25 * 60 * MIN).state).toBe('breached');
    expect(target({ requestType: 'consultation', feedback: 'satisfied', closedAt }, 'callback').state).toBe('na');
    // A record imported from a sheet with no callback column: not tracked, never due.
    expect(target({ requestType: 'complaint', closedAt, untracked: ['callback'] }, 'callback', closedAt + 25 * 60 * MIN)).toMatchObject({ state: 'na', dueAt: null });
    expect(target({ feedback: 'unsatisfied', closedAt, untracked: ['callback'] }, 'leadFollowUp', closedAt + 25 * 60 * MIN).state).toBe('breached');
  });

  it('flags low satisfaction for a team-lead follow-up: unsatisfied, any score ≤ 3, or a slow-response complaint', () => {
    expect(isLowSatisfaction({ ...base, feedback: 'unsatisfied' }, policy)).toBe(true);
    expect(isLowSatisfaction({ ...base, scores: [5, 3, null] }, policy)).toBe(true);
    expect(isLowSatisfaction({ ...base, requestType: 'complaint', texts: ['投诉响应慢'] }, policy)).toBe(true);
    expect(isLowSatisfaction({ ...base, requestType: 'complaint', texts: ['投诉服务态度'] }, policy)).toBe(false);
    expect(isLowSatisfaction({ ...base, feedback: 'satisfied', scores: [4, 5, 4] }, policy)).toBe(false);
  });
});

describe('missingReasons', () => {
  it('lists breached targets without a reason, and only those', () => {
    const targets = evaluateTargets({ ...base, priority: 'urgent', answeredAt: base.callAt + 20 * MIN }, policy, t('2024-05-20T10:30'));
    expect(missingReasons(targets, []).map((m) => m.kind)).toEqual(['response']);
    expect(missingReasons(targets, [{ kind: 'response', index: 0 }])).toEqual([]);
  });
});
