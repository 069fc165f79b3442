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
