import { describe, expect, it } from 'vitest';
import { fitColumns, gridTemplate, REVIEW_COLUMNS } from '../../../renderer/src/features/review/reviewColumns';

const ids = (width: number, withMiss = false) => fitColumns(REVIEW_COLUMNS, width, withMiss).map((c) => c.id);

describe('Review columns that fit the list', () => {
  it('shows every column at 1366 px, the miss reasons too on the breached list', () => {
    expect(ids(1340)).toEqual(['recordNo', 'callAt', 'agent', 'priority', 'category', 'salutation', 'reason', 'response', 'result', 'state']);
    expect(ids(1340, true)).toContain('missReasons');
    expect(ids(1340)).not.toContain('missReasons');
  });

  it('lets the lowest-ranked columns go first when narrow, rightmost first among equals', () => {
    expect(ids(700)).toEqual(['recordNo', 'callAt', 'agent', 'reason', 'result', 'state']);
    expect(ids(880)).toEqual(['recordNo', 'callAt', 'agent', 'priority', 'salutation', 'reason', 'result', 'state']);
  });

  it('never drops which record, when, why it missed and its state', () => {
    expect(ids(200, true)).toEqual(['recordNo', 'callAt', 'missReasons', 'state']);
  });

  it('fits: the narrowest widths of what is shown never exceed the width', () => {
    for (const width of [600, 800, 1000, 1200, 1366]) {
      const shown = fitColumns(REVIEW_COLUMNS, width, true);
      const needed = shown.reduce((sum, c) => sum + c.min, 0) + 6 * (shown.length - 1) + 16;
      expect(needed, `at ${width}px`).toBeLessThanOrEqual(width);
    }
  });

  it('gives growing columns a share of the rest, never less than their minimum', () => {
    const shown = fitColumns(REVIEW_COLUMNS, 1340, true).filter((c) => ['recordNo', 'reason', 'missReasons'].includes(c.id));
    expect(gridTemplate(shown)).toBe('140px minmax(120px, 1fr) minmax(180px, 1.4fr)');
  });
});
