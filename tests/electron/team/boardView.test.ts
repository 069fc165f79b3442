import { describe, expect, it } from 'vitest';
import { boardView } from '../../../electron/team/board';
import type { Board, BoardCall } from '../../../electron/teamStore/boardSql';
import { serverClock, spanText } from '../../../renderer/src/features/board/countdown';

const NOW = Date.UTC(2026, 11, 1, 2, 0);
const MIN = 60_000;
const call = (desk: string, no: string, callAgo: number, dueIn: number, over: Partial<BoardCall> = {}): BoardCall => ({
  desk_code: desk,
  record_no: no,
  agent: '王芳',
  call_at: NOW - callAgo * MIN,
  priority: null,
  category: null,
  answered_at: null,
  closed_at: null,
  next_due_at: NOW + dueIn * MIN,
  response_due_at: NOW + dueIn * MIN,
  resolution_due_at: null,
  callback_due_at: null,
  callback_done_at: null,
  lead_due_at: null,
  lead_follow_up_done_at: null,
  ...over,
});
const board = (calls: BoardCall[], seen: Record<string, number | null>, offsets: Record<string, number> = {}): Board => ({
  serverNow: NOW,
  queues: [],
  calls,
  desks: Object.entries(seen).map(([desk, ago]) => ({
    desk_code: desk,
    last_seen_at: ago === null ? null : NOW - ago,
    desk_clock_offset_ms: offsets[desk] ?? 0,
    running: calls.filter((c) => c.desk_code === desk).length,
    overdue: calls.filter((c) => c.desk_code === desk && c.next_due_at < NOW).length,
  })),
});

describe('the team board', () => {
  it('puts breached calls first, then near (the policy warningAt of the time since the call), then running; a silent desk last, counting no breach', () => {
    const view = boardView(
      board([call('A', 'run', 10, 50), call('A', 'near', 45, 5), call('A', 'late', 70, -10), call('B', 'silentLate', 90, -30)], { A: 5_000, B: 10 * MIN }),
      new Map([['A', 12]]),
      0.8,
    );
    expect(view.calls.map((c) => [c.recordNo, c.state, c.silent])).toEqual([
      ['late', 'breached', false],
      ['near', 'near', false],
      ['run', 'running', false],
      ['silentLate', 'breached', true],
    ]);
    expect(view.desks.map((d) => [d.deskCode, d.silent, d.overdue, d.today])).toEqual([
      ['A', false, 1, 12],
      ['B', true, 0, 0],
    ]);
  });

  it("flags a desk whose clock is more than 60 s off the server's, and counts follow-ups after the call", () => {
    const view = boardView(board([call('A', 'cb', 300, 60, { closed_at: NOW - 200 * MIN, answered_at: NOW - 299 * MIN, response_due_at: null })], { A: 1_000 }, { A: -61_000 }), new Map(), 0.8);
    expect(view.desks[0]).toMatchObject({ clockOff: true, clockOffsetMs: -61_000, followUps: 1 });
    expect(view.calls[0]!.followUp).toBe(true);
    expect(boardView(board([], { A: 1_000 }, { A: 59_000 }), new Map(), 0.8).desks[0]!.clockOff).toBe(false);
  });

  it('counts down on the server clock, whatever the local clock says', () => {
    expect(serverClock(NOW, 1_000, 3_500)).toBe(NOW + 2_500);
    expect(spanText(3 * 3600_000 + 59 * MIN + 59_000)).toBe('3:59:59');
    expect(spanText(-(2 * MIN + 5_000))).toBe('2:05');
  });

  it('shows each live queue with its wait in seconds and reporting desk; a snapshot older than three of the PBX polls is stale', () => {
    const queue = (name: string, ago: number) => ({ pbx: 'pbx1:5038', queue: name, waiting: 3, longest_wait_sec: 95, available: 1, at: NOW - ago, desk_code: 'A' });
    const view = boardView({ ...board([], { A: 1_000 }), queues: [queue('sales', 44_000), queue('support', 46_000)] }, new Map(), 0.8);
    expect(view.queues).toEqual([
      { pbx: 'pbx1:5038', queue: 'sales', waiting: 3, longestWaitSec: 95, available: 1, at: NOW - 44_000, deskCode: 'A', stale: false },
      { pbx: 'pbx1:5038', queue: 'support', waiting: 3, longestWaitSec: 95, available: 1, at: NOW - 46_000, deskCode: 'A', stale: true },
    ]);
  });
});
