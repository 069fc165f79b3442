import { describe, expect, it } from 'vitest';
import { change, pct } from '../../../renderer/src/features/report/format';

/** The report's "change" column is read against the two figures printed beside it. */
describe('the change between two periods', () => {
  it('is the difference of the shares as shown, not of the exact shares', () => {
    // The trial's case: 99.54 % and 99.25 % print as 99.5 % and 99.3 %, exactly 0.29 pt apart.
    expect([pct(0.9954), pct(0.9925)]).toEqual(['99.5 %', '99.3 %']);
    expect(change(0.9954, 0.9925, true)).toBe('+0.2 pt');
    // Shown equal, so no change, though the exact shares differ.
    expect(change(0.8049, 0.8051, true)).toBe('±0 pt');
    expect(change(0.5, 0.625, true)).toBe('−12.5 pt');
  });

  it('is the plain difference of other figures, without floating-point tails', () => {
    expect(change(12.3, 12.1, false)).toBe('+0.2');
    expect(change(3, 5, false)).toBe('−2');
    expect(change(7.25, 7, false)).toBe('+0.25');
    expect(change(null, 5, false)).toBe('—');
  });
});
