import { describe, expect, it } from 'vitest';
import { FEEDBACKS, RESULTS } from '../../../shared/domain/fields';
import { axisLabel, ordered } from '../../../renderer/src/features/stats/chartRows';

const id = (k: string) => k;

describe('bar chart rows in a fixed order', () => {
  it('feedback from satisfied to unsatisfied, whatever order the figures came in, a missing one counted 0', () => {
    const a = [{ feedback: 'basically_satisfied', calls: 5 }, { feedback: 'unsatisfied', calls: 1 }];
    const b = [{ feedback: 'satisfied', calls: 2 }];
    expect(ordered(a, b, (f) => f.feedback, (f) => f.calls, FEEDBACKS, id)).toEqual([
      { key: 'satisfied', a: 0, b: 2 },
      { key: 'basically_satisfied', a: 5, b: 0 },
      { key: 'unsatisfied', a: 1, b: 0 },
    ]);
  });

  it('priority by the policy’s levels, a level no period has without a bar, an unknown level after them and "not set" last', () => {
    const a = [{ p: 'general', r: 50 }, { p: '', r: 100 }, { p: 'urgent', r: 90 }, { p: 'legacy', r: 10 }];
    const rows = ordered(a, undefined, (x) => x.p, (x) => x.r, ['urgent', 'important', 'general'], (k) => k || '未填', null);
    expect(rows).toEqual([
      { key: 'urgent', a: 90, b: undefined },
      { key: 'important', a: null, b: undefined },
      { key: 'general', a: 50, b: undefined },
      { key: 'legacy', a: 10, b: undefined },
      { key: '未填', a: 100, b: undefined },
    ]);
  });

  it('results in the record’s order, calls without a result last', () => {
    const a = [{ result: 'none', calls: 3 }, { result: 'escalated', calls: 1 }, { result: 'resolved', calls: 7 }];
    expect(ordered(a, undefined, (r) => r.result, (r) => r.calls, RESULTS, id).map((r) => r.key)).toEqual([...RESULTS, 'none']);
  });

  it('an axis label leaves out the bracketed explanation', () => {
    expect(axisLabel('处理中（需跟进）')).toBe('处理中');
    expect(axisLabel('In progress (follow-up)')).toBe('In progress');
    expect(axisLabel('已解决')).toBe('已解决');
  });
});
