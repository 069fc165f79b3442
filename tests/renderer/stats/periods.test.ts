import { describe, expect, it } from 'vitest';
import { presetCompare } from '../../../renderer/src/features/stats/periods';

describe('what a preset is compared with', () => {
  it.each([
    ['week', { from: '2026-11-30', to: '2026-12-02' }, { from: '2026-11-23', to: '2026-11-25' }],
    ['week', { from: '2026-11-30', to: '2026-11-30' }, { from: '2026-11-23', to: '2026-11-23' }],
    ['month', { from: '2026-12-01', to: '2026-12-15' }, { from: '2026-11-01', to: '2026-11-15' }],
    ['month', { from: '2026-03-01', to: '2026-03-31' }, { from: '2026-02-01', to: '2026-02-28' }],
    ['today', { from: '2026-12-01', to: '2026-12-01' }, { from: '2026-11-30', to: '2026-11-30' }],
    ['last30', { from: '2026-11-02', to: '2026-12-01' }, { from: '2026-10-03', to: '2026-11-01' }],
  ] as const)('%s %j → %j', (preset, period, expected) => {
    expect(presetCompare(preset, period)).toEqual(expected);
  });
});
