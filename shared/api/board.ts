/** The team board (issue 14): every desk's open calls with their running targets, on the server's clock. */
export interface TeamBoard {
  /** The server's clock when the board was read: countdowns run on it (the page adds the time since). */
  serverNow: number;
  desks: BoardDeskView[];
  /** Breached first, then near, then running, each by due time; a silent desk's calls last. */
  calls: BoardCallView[];
  /** The live queues the desks' phone links report (issue 15), by PBX and queue; empty without telephony. */
  queues: BoardQueueView[];
}

/** A queue as the desk watching it that reported last saw it (the PBX's QueueSummary / QueueStatus). */
export interface BoardQueueView {
  pbx: string;
  queue: string;
  /** Callers waiting now, and the longest of their waits in seconds, as of `at`. */
  waiting: number;
  longestWaitSec: number;
  /** Agents logged in and free, when the PBX says. */
  available: number | null;
  /** When the PBX said so, on the server's clock. */
  at: number;
  deskCode: string;
  /** Older than BOARD_QUEUE_STALE_MS: shown greyed, its figures no longer live. */
  stale: boolean;
}

export interface BoardDeskView {
  deskCode: string;
  /** When the desk last pushed or renewed its lease, on the server's clock; null: never. */
  lastSeenAt: number | null;
  /** Not heard from for longer than BOARD_SILENT_MS: its calls are greyed out, not counted as breaches. */
  silent: boolean;
  /** The desk's clock minus the server's at its last push. */
  clockOffsetMs: number | null;
  /** More than BOARD_CLOCK_OFF_MS either way. */
  clockOff: boolean;
  /** Calls with a target running, and how many of those are past due (0 for a silent desk). */
  running: number;
  overdue: number;
  /** Calls logged on the board's day (its local date in the lead's zone). */
  today: number;
  /** Of its running calls, those owed a follow-up after the call (a resolution, a callback, a lead's follow-up). */
  followUps: number;
}

export interface BoardCallView {
  deskCode: string;
  recordNo: string;
  agent: string;
  priority: string | null;
  category: string | null;
  callAt: number;
  /** The earliest due time of its running targets. */
  nextDueAt: number;
  state: 'breached' | 'near' | 'running';
  /** The call is past the call itself (closed, or answered and handed on): what runs is a follow-up. */
  followUp: boolean;
  /** Its desk is silent: shown greyed, not counted. */
  silent: boolean;
}

/** A desk not heard from for this long is silent: its lease (60 s) has lapsed and more. */
export const BOARD_SILENT_MS = 90_000;
/** A queue snapshot older than this is stale: three of the PBX's 15 s QueueSummary polls missed. */
export const BOARD_QUEUE_STALE_MS = 45_000;
/** A desk clock this far from the server's is flagged. */
export const BOARD_CLOCK_OFF_MS = 60_000;
