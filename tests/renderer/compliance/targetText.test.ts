import { describe, expect, it } from 'vitest';
import { dueSpanText } from '../../../renderer/src/features/compliance/targetText';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { evaluateTargets, type TimingInput } from '../../../shared/timing/compliance';

/**
 * Trial 10 finding 6: a target counted in working time (general resolution: 3
 * working days, Mon–Fri 09:00–18:00) that is overdue says how late it is in
 * wall-clock days and hours, not its working hours read as days.
 */
const ZONE = 'Asia/Shanghai';
const SH = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const policy = defaultPolicy(ZONE);
const call = (callAt: number, resolvedAt: number | null = null): TimingInput => ({
  callAt,
  answeredAt: callAt + 60_000,
  untracked: [],
  priority: 'general',
  requestType: 'consultation',
  transfers: [],
  lastUpdateAt: null,
  result: resolvedAt === null ? 'in_progress' : 'resolved',
  resolvedAt,
  resultToldAt: resolvedAt,
  closedAt: resolvedAt ?? callAt + 120_000,
  feedback: 'satisfied',
  scores: [],
  texts: [],
  callbackDoneAt: null,
  leadFollowUpDoneAt: null,
});
const resolution = (input: TimingInput, now: number) => {
  const target = evaluateTargets(input, policy, now).find((t) => t.kind === 'resolution')!;
  return { dueAt: target.dueAt!, endAt: target.endAt, state: target.state };
};

describe('how late a working-days target is, across weekends', () => {
  // Friday 17:00: 3 working days later is Wednesday 17:00.
  const fridayCall = call(SH('2026-11-06', '17:00'));

  it('reads wall-clock days: due Wednesday 17:00, Monday 17:00 after is 5 days over (27 working hours)', () => {
    const now = SH('2026-11-16', '17:00');
    const target = resolution(fridayCall, now);
    expect(target).toMatchObject({ dueAt: SH('2026-11-11', '17:00'), state: 'breached' });
    expect(dueSpanText(target, now, 'en')).toBe('5 d 0 h over');
    expect(dueSpanText(target, now, 'zh')).toBe('超时 5天0小时');
  });

  it('a year late reads as a year of days, not working hours divided by 24', () => {
    const now = SH('2027-11-11', '17:00');
    expect(dueSpanText(resolution(fridayCall, now), now, 'zh')).toBe('超时 365天0小时');
  });

  it('a target done late counts to the moment it was done, not to now', () => {
    const done = call(SH('2026-11-06', '17:00'), SH('2026-11-14', '11:30'));
    const now = SH('2026-12-01', '10:00');
    expect(dueSpanText(resolution(done, now), now, 'en')).toBe('2 d 18 h over');
  });

  it('time left reads on the wall clock too, to the due time shown beside it', () => {
    const now = SH('2026-11-07', '10:00'); // Saturday: the working clock stands still, the due time does not move
    expect(dueSpanText(resolution(fridayCall, now), now, 'en')).toBe('4 d 7 h left');
    expect(dueSpanText(resolution(fridayCall, SH('2026-11-11', '16:15')), SH('2026-11-11', '16:15'), 'zh')).toBe('剩余 45分钟');
  });
});
