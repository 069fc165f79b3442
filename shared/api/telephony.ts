/** What a phone-system event did on this desk (the `phoneCall` event): the desk opens the record and pops up the caller's history. */
export interface PhoneCallNews {
  /** The record the call has on this desk, if any. */
  recordId: number | null;
  /** This event opened that record (the phone rang): the desk shows it. */
  opened: boolean;
  /** The missed call the call left, if it ended unanswered. */
  missedCallId: number | null;
  /** Missed calls an outbound call just called back. */
  calledBack: number;
  /** The caller's last four digits (never more), for the repeat-caller pop-up. */
  numberLast4: string | null;
}

/** How the desk's telephony inputs stand (the Telephony card, the board's live queue). */
export interface TelephonyStatus {
  /** The AMI connection: null when none is configured. */
  ami: { state: 'connecting' | 'connected' | 'closed' } | { state: 'retrying' | 'refused'; reason: string } | null;
  extension: string | null;
  watchedQueues: string[];
  /** Desk minus PBX clock, ms (null: the PBX sends no timestamps); shown above 2 s. */
  clockOffsetMs: number | null;
  /** The watched queues right now: callers waiting and the longest wait. */
  queues: Array<{ queue: string; waiting: number; longestWaitSec: number; available: number | null; at: number }>;
  /** The Zammad-format CTI endpoint's address, when it runs (its token is never shown here). */
  cti: { host: string; port: number } | null;
}
