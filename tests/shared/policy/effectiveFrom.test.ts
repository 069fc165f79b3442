import { describe, expect, it } from 'vitest';
import { effectiveFromDate } from '../../../shared/policy/effectiveFrom';

const NOW = Date.parse('2026-11-20T12:00:00+08:00');

describe('an effective-from date', () => {
  it.each([
    ['2026-09-01', 'Asia/Shanghai', { ok: true, at: Date.parse('2026-09-01T00:00:00+08:00') }],
    // Today counts from its midnight: today's calls are re-judged too.
    ['2026-11-20', 'Asia/Shanghai', { ok: true, at: Date.parse('2026-11-20T00:00:00+08:00') }],
    // 00:00 in the policy's zone, not the computer's: in Los Angeles it is still 11-19 20:00.
    ['2026-11-20', 'America/Los_Angeles', { ok: false, problem: 'future' }],
    ['2026-11-19', 'America/Los_Angeles', { ok: true, at: Date.parse('2026-11-19T00:00:00-08:00') }],
    // Santiago's clocks skip from 00:00 to 01:00 on 2025-09-07: the day starts at its first minute.
    ['2025-09-07', 'America/Santiago', { ok: true, at: Date.parse('2025-09-07T01:00:00-03:00') }],
    ['2026-11-21', 'Asia/Shanghai', { ok: false, problem: 'future' }],
    ['2026-02-30', 'Asia/Shanghai', { ok: false, problem: 'format' }],
    ['2026-9-1', 'Asia/Shanghai', { ok: false, problem: 'format' }],
    ['2026-09-01 08:00', 'Asia/Shanghai', { ok: false, problem: 'format' }],
    ['13800138000', 'Asia/Shanghai', { ok: false, problem: 'format' }],
  ])('%s in %s', (date, zone, expected) => {
    expect(effectiveFromDate(date, zone, NOW)).toEqual(expected);
  });
});
