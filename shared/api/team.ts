import type { AuditEntry, CallRecord } from './records';

/** The desk's link to the team server, as the status line and `hotline team status --json` show it. */
export type TeamStatus =
  | { linked: false }
  | {
      linked: true;
      role: 'desk' | 'team_lead' | 'admin';
      /** The server's count of this desk's incarnations (0 until first compared with the server). */
      epoch: number;
      /** Records with changes the server has not acknowledged (parked ones included). */
      waiting: number;
      lastPushAt: number | null;
      /** 'ok', or the kind of the last failure ('unreachable', 'timeout', 'leaseHeld', 'appVersion', …). */
      lastOutcome: string | null;
      /** Since when pushes fail for the network or the server being down; null while they go through. */
      unreachableSince: number | null;
      serverPolicyVersion: number | null;
      /** Entries the server refused for good: out of the queue's way, shown on the desk. */
      parked: Array<{ callId: number; recordNo: string; at: number; reason: string }>;
    };

/** Team scope as a lead's screens see it: available once a lead's or admin's URL is kept on this desk. */
export interface TeamScopeView {
  available: boolean;
  /** The team's desk codes (for the desk filter); empty when not available or not reachable. */
  desks: string[];
}

/** What stands in a desk's day's way on the team server: a record not closed nor handed over, or a missed target without a reason. */
export interface TeamDayBlocker {
  recordNo: string;
  problem: 'open' | 'reason';
  /** The missed target (a TargetKind) and its index, for a 'reason' blocker. */
  target?: string;
  index?: number;
}

/** A desk's day as the team server sees it (`hotline team day DESK DATE --json`): a lead signs it off from this. */
export interface TeamDayStatus {
  desk: string;
  date: string;
  /** The desk's zone (as it reported it, else its newest record's); null when the server knows none. */
  timeZone: string | null;
  /** The day has ended in the desk's zone, on the server's clock. */
  over: boolean;
  /** The day's records on the server, voided ones left out. */
  records: number;
  /** Empty when the day can be signed off. */
  blockers: TeamDayBlocker[];
  /** The desk: the mark it pushed up to, when the server last heard from it, and how many records it said still wait to be pushed (null: it never said). */
  deskMark: { epoch: number; seq: number };
  lastSeenAt: number | null;
  waiting: number | null;
  waitingAt: number | null;
  signedOff: { by: string; role: string; at: number; covered: { epoch: number; seq: number } } | null;
  /** Records of the day stored above the sign-off's covered mark: flagged "changed after sign-off" by the server. */
  changedAfterSignOff: string[];
}

/** The team sign-off panel's list: every desk's day on the team server, and the server's clock when it was read. */
export interface TeamSignOffList {
  date: string;
  /** The server's clock when the list was read: "last heard from" is judged on it, as on the board. */
  serverNow: number;
  /** Every desk of the team (or those asked for), in code order. */
  days: TeamDayStatus[];
}

/** A lead's change for another desk's record, waiting in the team server's inbox until that desk applies it. */
export interface TeamInboxEntryView {
  id: number;
  /** The request the desk runs: 'addMissReason' or 'completeFollowUp' (the CLI may send 'correctMoment'). */
  method: string;
  /** The target or follow-up it is for (addMissReason's and completeFollowUp's `kind`), when it names one. */
  kind: string | null;
  /** Which of its kind (a second response's transfer), for a miss reason; else null. */
  index: number | null;
  /** The miss reason's code (addMissReason), or null. */
  code: string | null;
  /** Free text: the miss reason's, or the follow-up's outcome. */
  text: string | null;
  createdBy: string;
  createdAt: number;
  /** pending: the desk has not applied it yet; applied; refused, with the desk's why. */
  state: 'pending' | 'applied' | 'refused';
  refusal: string | null;
  settledAt: number | null;
}

/** Another desk's record as the team server holds it, opened read-only from team scope (teamRecord). */
export interface TeamRecordView {
  /**
   * The record as the desk pushed it, shaped as the desk's own panel reads it. `id` is 0 (it has no
   * id on this desk), and `policyVersion` is null: the owning desk's policy ids mean nothing here, so
   * its targets are shown by this desk's current policy (the team's, while linked).
   */
  record: CallRecord;
  audit: AuditEntry[];
  /** The server flagged a change stored above a sign-off's covered mark. */
  changedAfterSignOff: boolean;
  /** The lead's changes sent for this record, oldest first, each with its state at the desk. */
  inbox: TeamInboxEntryView[];
}
