/**
 * The phone system's view of a call, whatever told us (Asterisk's Manager
 * interface, or a Zammad-format CTI push): one normalised stream that the
 * desk turns into records. Numbers arrive here already cut to their last
 * four digits — the full number never leaves the adapter that received it.
 */

/** Where an event came from: the adapter, and which phone system (a call is unique by (pbx, callId)). */
export interface CallSource {
  system: 'ami' | 'cti';
  /** The PBX's name as the desk was configured with it (host:port for AMI, the endpoint's name for CTI). */
  pbx: string;
}

/** Why a call ended, in Zammad's words (AMI causes map onto them); 'abandoned' is a caller hanging up while waiting in a queue. */
export const END_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded', 'abandoned'] as const;
export type EndCause = (typeof END_CAUSES)[number];

/** Fields every event carries. `at` is epoch ms on the desk's clock (see `clock` for how it was known). */
interface EventBase {
  source: CallSource;
  /** The call's key on its PBX: Asterisk's Linkedid, Zammad's callId. */
  callId: string;
  at: number;
  /**
   * 'pbx': the event's own Timestamp, carried onto the desk's clock by the desk-minus-PBX offset fixed
   * for the call at its first event (so the PBX's waits and talk times are kept exactly); 'arrival':
   * when it reached the desk (no timestamps from the PBX, a reconcile), perhaps worked back from HoldTime/TalkTime.
   */
  clock: 'pbx' | 'arrival';
}

export type CallEvent =
  /** A call is offered: entering a queue, or ringing an extension directly (inbound), or dialled out (outbound). */
  | (EventBase & {
      kind: 'offered';
      direction: 'in' | 'out';
      /** The caller's (inbound) or the callee's (outbound) last four digits; null when the PBX withheld it. */
      numberLast4: string | null;
      queue: string | null;
      /** The agent interface or user the call rings (e.g. 'PJSIP/1001'), when known. */
      agent: string | null;
    })
  /** An agent's phone starts ringing (AgentCalled, DialBegin). */
  | (EventBase & { kind: 'ringing'; agent: string; queue: string | null })
  /** An agent answers: the record's first answer. `waitSec`: the caller's wait (HoldTime) when the PBX says it. */
  | (EventBase & { kind: 'answered'; agent: string; waitSec: number | null })
  /** The agent hands the call on (blind or attended); `target`: the extension or queue it goes to, when known. */
  | (EventBase & { kind: 'transferred'; mode: 'blind' | 'attended'; target: string | null })
  /** The party the call was handed to answers. */
  | (EventBase & { kind: 'transferAnswered'; target: string | null })
  /** The call ends. `talkSec`: talk time when the PBX says it; `hungUpBy` when it says who. */
  | (EventBase & {
      kind: 'ended';
      cause: EndCause;
      /** True when the call was never answered by an agent (missed: abandoned, no answer, busy, cancelled). */
      unanswered: boolean;
      queue: string | null;
      agent: string | null;
      waitSec: number | null;
      talkSec: number | null;
      hungUpBy: 'caller' | 'agent' | null;
    });

export type CallEventKind = CallEvent['kind'];

/** A queue's state right now, for the team board's live queue (QueueSummary / QueueStatus). */
export interface QueueSnapshot {
  source: CallSource;
  queue: string;
  /** Callers waiting now. */
  waiting: number;
  /** The longest current wait, in seconds (0 when nobody waits). */
  longestWaitSec: number;
  /** Agents logged in and available, when the PBX says. */
  available: number | null;
  at: number;
}
