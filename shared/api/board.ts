/** The team board (issue 14): every desk's open calls with their running targets, on the server's clock. */
export interface TeamBoard {
  /** The server's clock when the board was read: countdowns run on it (the page adds the time since). */
  serverNow: number;
  desks: BoardDeskView[];
  /** Breached first, then near, then running, each by due time; a silent desk's calls last. */
  calls: BoardCallView[];
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
/** A desk clock this far from the server's is flagged. */
export const BOARD_CLOCK_OFF_MS = 60_000;
