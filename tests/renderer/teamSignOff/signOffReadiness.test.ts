import { describe, expect, it } from 'vitest';
import { readinessOf } from '../../../renderer/src/features/teamSignOff/signOffReadiness';
import type { TeamDayStatus } from '../../../shared/api/team';

// When the team sign-off panel's button may be pressed, and when it asks first.
const NOW = Date.UTC(2026, 9, 6, 2);
const day = (over: Partial<TeamDayStatus> = {}): TeamDayStatus => ({
  desk: 'D01',
  date: '2026-10-05',
  timeZone: 'Asia/Shanghai',
  over: true,
  records: 3,
  blockers: [],
  deskMark: { epoch: 1, seq: 40 },
  lastSeenAt: NOW - 5_000,
  waiting: 0,
  waitingAt: NOW - 5_000,
  signedOff: null,
  changedAfterSignOff: [],
  ...over,
});

describe('team sign-off readiness', () => {
  it('signs at once a day over, unblocked, from a desk heard from seconds ago with nothing waiting', () => {
    expect(readinessOf(day(), NOW)).toEqual({ can: true, warnings: [] });
  });

  it('is disabled for a day signed, not over, or blocked, in that order', () => {
    expect(readinessOf(day({ signedOff: { by: '王主管', role: 'hotline_lead_wang', at: NOW, covered: { epoch: 1, seq: 40 } }, over: false }), NOW)).toEqual({ can: false, why: 'signed' });
    expect(readinessOf(day({ over: false }), NOW)).toEqual({ can: false, why: 'notOver' });
    expect(readinessOf(day({ blockers: [{ recordNo: 'CS20261005001', problem: 'open' }] }), NOW)).toEqual({ can: false, why: 'blocked' });
  });

  it('asks first when changes still wait at the desk, when the desk never said, and when it is silent past 90 s', () => {
    expect(readinessOf(day({ waiting: 4 }), NOW)).toEqual({ can: true, warnings: [{ kind: 'waiting', n: 4 }] });
    expect(readinessOf(day({ waiting: null, waitingAt: null }), NOW)).toEqual({ can: true, warnings: [{ kind: 'unknown' }] });
    expect(readinessOf(day({ lastSeenAt: NOW - 90_000 }), NOW)).toEqual({ can: true, warnings: [] });
    expect(readinessOf(day({ lastSeenAt: NOW - 91_000, waiting: 2 }), NOW)).toEqual({ can: true, warnings: [{ kind: 'waiting', n: 2 }, { kind: 'silent', lastSeenAt: NOW - 91_000 }] });
    expect(readinessOf(day({ lastSeenAt: null }), NOW)).toEqual({ can: true, warnings: [{ kind: 'silent', lastSeenAt: null }] });
  });
});
