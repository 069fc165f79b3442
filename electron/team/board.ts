import { BOARD_CLOCK_OFF_MS, BOARD_QUEUE_STALE_MS, BOARD_SILENT_MS, type BoardCallView, type TeamBoard } from '../../shared/api/board';
import type { Board } from '../teamStore/boardSql';

const ORDER = { breached: 0, near: 1, running: 2 } as const;

/**
 * The board as a lead reads it, from the server's rows, all on the server's
 * clock: a call is breached once its earliest running target is past due, near
 * in the last part of its time (the policy's warningAt of the time since the
 * call came in), running otherwise. A desk not heard from for BOARD_SILENT_MS
 * is silent: its calls are shown last and greyed, and count as no breach (its
 * calls may well have moved on without the server knowing yet). A queue's
 * snapshot older than BOARD_QUEUE_STALE_MS is stale: greyed, not live.
 */
export function boardView(board: Board, today: ReadonlyMap<string, number>, warningAt: number): TeamBoard {
  const now = board.serverNow;
  const silent = new Set(board.desks.filter((d) => d.last_seen_at === null || now - d.last_seen_at > BOARD_SILENT_MS).map((d) => d.desk_code));
  const calls: BoardCallView[] = board.calls.map((c) => {
    const state = c.next_due_at < now ? 'breached' : now - c.call_at >= warningAt * (c.next_due_at - c.call_at) ? 'near' : 'running';
    return {
      deskCode: c.desk_code,
      recordNo: c.record_no,
      agent: c.agent,
      priority: c.priority,
      category: c.category,
      callAt: c.call_at,
      nextDueAt: c.next_due_at,
      state,
      followUp: c.closed_at !== null || (c.answered_at !== null && c.response_due_at === null),
      silent: silent.has(c.desk_code),
    };
  });
  calls.sort((a, b) => Number(a.silent) - Number(b.silent) || ORDER[a.state] - ORDER[b.state] || a.nextDueAt - b.nextDueAt);
  const followUps = new Map<string, number>();
  for (const c of calls) if (c.followUp) followUps.set(c.deskCode, (followUps.get(c.deskCode) ?? 0) + 1);
  return {
    serverNow: now,
    calls,
    queues: board.queues.map((q) => ({
      pbx: q.pbx,
      queue: q.queue,
      waiting: q.waiting,
      longestWaitSec: q.longest_wait_sec,
      available: q.available,
      at: q.at,
      deskCode: q.desk_code,
      stale: now - q.at > BOARD_QUEUE_STALE_MS,
    })),
    desks: board.desks.map((d) => ({
      deskCode: d.desk_code,
      lastSeenAt: d.last_seen_at,
      silent: silent.has(d.desk_code),
      clockOffsetMs: d.desk_clock_offset_ms,
      clockOff: d.desk_clock_offset_ms !== null && Math.abs(d.desk_clock_offset_ms) > BOARD_CLOCK_OFF_MS,
      running: d.running,
      overdue: silent.has(d.desk_code) ? 0 : d.overdue,
      today: today.get(d.desk_code) ?? 0,
      followUps: followUps.get(d.desk_code) ?? 0,
    })),
  };
}
