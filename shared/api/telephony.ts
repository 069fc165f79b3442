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
  /** Why the CTI endpoint, turned on, is not listening (its last start failed); null when it listens or is off. */
  ctiProblem: { reason: 'portInUse'; port: number } | { reason: 'noSuchAddress'; host: string } | { reason: 'failed' } | null;
}

/** How a missed call was called back: an outbound call the desk saw to the same last four digits, or an agent's mark. */
export type CalledBackHow = 'outboundCall' | 'marked';

/** A missed call as the Desk, Follow-ups and Review list it (the callback's state is judged again by the page as time runs). */
export interface MissedCallView {
  id: number;
  /** Its own series: MC + local date + serial. */
  missedNo: string;
  localDate: string;
  timeZone: string;
  callAt: number;
  endedAt: number;
  waitSec: number;
  /** The caller's last four digits (never more); null when the PBX gave no number. */
  numberLast4: string | null;
  queue: string | null;
  /** Why the call ended unanswered, as the phone system said (noAnswer, cancel, busy, …). */
  cause: string;
  callbackDueAt: number | null;
  calledBackAt: number | null;
  calledBackBy: string | null;
  calledBackHow: CalledBackHow | null;
  /** The policy's warning point (share of the target) for the callback's near state. */
  warningAt: number;
}

/** The repeat-caller pop-up: earlier records and missed calls with the same last four digits, a likely match only. */
export interface CallerHistory {
  numberLast4: string;
  records: Array<{ id: number; recordNo: string; callAt: number; agent: string; category: string | null; reason: string | null; result: string | null; closedAt: number | null }>;
  missed: Array<{ id: number; missedNo: string; callAt: number; calledBackAt: number | null }>;
}

/** The admin's Telephony card: the settings (the AMI URL only as set or not: it holds the manager secret), the CTI URL for the PBX, the live status. */
export interface TelephonyView {
  /** An AMI URL is kept (or set by the environment); the URL itself is never shown again. */
  amiUrlSet: boolean;
  extension: string | null;
  queues: string[];
  ctiEnabled: boolean;
  /** Values the environment sets (HOTLINE_AMI_URL, …): shown, not editable on the card. */
  fromEnv: Array<'amiUrl' | 'extension' | 'queues' | 'ctiEnabled'>;
  /** The URL to give the PBX or bridge (the endpoint's token included), once the endpoint has run. */
  ctiUrl: string | null;
  /** Where the endpoint listens: 127.0.0.1 (this computer only, the default) or one of the desk's LAN addresses. */
  ctiHost: string;
  /** Off loopback, the only source addresses or networks (CIDR) whose pushes it takes. */
  ctiAllowFrom: string[];
  /** The kept port (null before the endpoint first ran: it then takes a free one). */
  ctiPort: number | null;
  /** This computer's LAN addresses (IPv4 and IPv6, not loopback nor link-local) the endpoint may listen on. */
  lanAddresses: string[];
  /** How the inputs stand now; null when nothing runs. */
  status: TelephonyStatus | null;
}
