import type { CallEvent, CallEventKind, CallSource, EndCause } from '../../../shared/telephony/callEvents';
import { ClockOffset } from './clockOffset';
import { DIAL_CAUSES, callIdOf, numberLast4, agentOf, targetOf, numberOf, secondsOf } from './amiFields';
import type { AmiMessage } from './protocol';

/**
 * AMI events → the normalised call-event stream, for one desk: its agent
 * interface (e.g. `PJSIP/1001`) and the queues whose missed calls it logs.
 * No I/O: the client hands in each packet with its arrival time.
 *
 * What a desk receives:
 * - calls that ring its own agent (queue or direct) and calls it dials: the
 *   whole life (offered, ringing, answered, transferred, transferAnswered, ended);
 * - every call of a watched queue: offered and ended. An ended with
 *   `unanswered` and `agent: null` rang no agent: the queue's missed call. One
 *   that rang or was answered by a colleague names that agent.
 *
 * Each (callId, kind) is emitted once and nothing follows `ended`, so duplicated
 * events change nothing; an event that arrives before the call's `offered`
 * brings a worked-back `offered` first, and the late original is then a duplicate.
 * Numbers are cut to their last four digits here: nothing longer leaves.
 */
export interface NormaliserConfig {
  source: CallSource;
  /** The desk's agent interface as Asterisk names it: `PJSIP/1001`, `SIP/1001`. */
  agent: string;
  /** Queue names whose calls this desk follows for missed calls. */
  queues: readonly string[];
  /** Calls the desk had open before this start (its phone_calls rows not ended), for the first reconcile. */
  openCalls?: readonly OpenCallSeed[];
}

/** What CoreShowChannels and QueueStatus said after a (re)connect: their CoreShowChannel and QueueEntry events. */
export interface PbxSnapshot {
  channels: readonly AmiMessage[];
  queueEntries: readonly AmiMessage[];
}

/**
 * A call the desk had open before this connection began (a restart of the app, or of the
 * Telephony card's inputs), as its phone_calls row keeps it: the first reconcile ends it when
 * it is no longer up, and does not offer it again when it is. Times on the desk's clock.
 */
export interface OpenCallSeed {
  callId: string;
  direction: 'in' | 'out';
  /** The desk opened a record for it: its own call (else one of a watched queue, for missed calls). */
  mine: boolean;
  queue: string | null;
  agent: string | null;
  offeredAt: number;
  answeredAt: number | null;
}

interface Call {
  callId: string;
  emitted: Set<CallEventKind>;
  direction: 'in' | 'out';
  numberLast4: string | null;
  queue: string | null;
  inQueue: boolean;
  /** Whether the desk's own agent is in the call (rang, answered or dialled). */
  mine: boolean;
  lastAgent: string | null;
  offeredAt: number | null;
  answeredAt: number | null;
  answeredBy: string | null;
  transferred: boolean;
  /**
   * The desk's channel that a Dial rang outside the queue's own ringing (a transfer to it, a
   * direct call): that leg is answered by its own DialEnd or BridgeEnter, even on a queue call.
   */
  dialledLeg: string | null;
  /** The caller's wait in the queue, as the PBX said it (a colleague's AgentConnect too). */
  queueWaitSec: number | null;
  talkSec: number | null;
  /** When a reconcile last listed the desk's channel of the call up: an answered call gone by the next talked at least until then. */
  lastListedUpAt: number | null;
  /**
   * Desk minus PBX in ms, fixed at the call's first event with a Timestamp: every PBX moment of
   * the call moves onto the desk's clock by the same amount, so its waits and talk stay exact.
   */
  offsetMs: number | null;
  lastAt: number;
  /** When the desk last had an event of the call (its clock), so a reconcile does not end a call newer than its snapshot. */
  seenAt: number;
}

/** A consultation call the agent makes while holding a call (the first half of an attended transfer). */
interface Consultation {
  began: Moment;
  answered: Moment | null;
  target: string | null;
}

/**
 * When something happened, on the desk's clock. `pbxMs`: the PBX's Timestamp it came from
 * (worked back with it), so that a moment can be carried onto another call's fixed offset.
 */
interface Moment {
  at: number;
  clock: 'pbx' | 'arrival';
  pbxMs: number | null;
}

/** Ended calls are remembered this long so that a late duplicate cannot bring one back. */
const KEEP_ENDED = 2000;

export class AmiNormaliser {
  private readonly calls = new Map<string, Call>();
  private readonly consultations = new Map<string, Consultation>();
  private readonly clock = new ClockOffset();
  /** The offset the packet being fed was carried by: a call it creates keeps it. */
  private newCallOffsetMs: number | null = null;
  private readonly agent: string;
  private readonly queues: ReadonlySet<string>;

  constructor(private readonly config: NormaliserConfig) {
    this.agent = config.agent.toLowerCase();
    this.queues = new Set(config.queues);
    for (const seed of config.openCalls ?? []) this.seed(seed);
  }

  /** Desk minus PBX clock in ms, from the events' Timestamps; null while none had one. */
  clockOffsetMs(): number | null {
    return this.clock.estimateMs();
  }

  /** Calls followed and not yet ended (consultation calls aside). */
  openCalls(): number {
    let open = 0;
    for (const call of this.calls.values()) if (!call.emitted.has('ended')) open += 1;
    return open;
  }

  /** One AMI event as it arrived (arrivalMs on the desk's clock) → the call events it means. */
  feed(message: AmiMessage, arrivalMs: number): CallEvent[] {
    const moment = this.momentOf(message, arrivalMs);
    const out: CallEvent[] = [];
    switch (message.Event) {
      case 'QueueCallerJoin':
      case 'Join':
        this.onQueueJoin(message, moment, out);
        break;
      case 'QueueCallerLeave':
      case 'Leave': {
        const call = this.calls.get(callIdOf(message));
        if (call) call.inQueue = false;
        break;
      }
      case 'AgentCalled':
        this.onAgentCalled(message, moment, out);
        break;
      case 'AgentConnect':
        this.onAgentConnect(message, moment, out);
        break;
      case 'AgentComplete':
        this.onAgentComplete(message, moment, out);
        break;
      case 'QueueCallerAbandon':
        this.onAbandon(message, moment, out);
        break;
      case 'DialBegin':
        this.onDialBegin(message, moment, out);
        break;
      case 'DialEnd':
        this.onDialEnd(message, moment, out);
        break;
      case 'BridgeEnter':
        this.onBridgeEnter(message, moment, out);
        break;
      case 'BlindTransfer':
        this.onBlindTransfer(message, moment, out);
        break;
      case 'AttendedTransfer':
        this.onAttendedTransfer(message, moment, out);
        break;
      case 'Hangup':
        this.onHangup(message, moment, out);
        break;
      default:
        break;
    }
    const touched = this.calls.get(callIdOf(message));
    if (touched) touched.seenAt = arrivalMs;
    this.forgetOldCalls();
    return out;
  }

  /**
   * After a (re)connect: calls followed before that are no longer up ended while
   * the desk was away; calls up now that the desk never saw are offered (and
   * answered when bridged). Calls it already knows are not offered again, and a
   * call with an event since the snapshot was asked for (`askedAtMs`) is not ended.
   */
  reconcile(snapshot: PbxSnapshot, arrivalMs: number, askedAtMs = arrivalMs): CallEvent[] {
    const moment: Moment = { at: arrivalMs, clock: 'arrival', pbxMs: null };
    this.newCallOffsetMs = null;
    const out: CallEvent[] = [];
    const live = new Set(snapshot.channels.map((channel) => callIdOf(channel)));
    for (const call of this.calls.values()) {
      if (call.emitted.has('ended') || live.has(call.callId) || call.seenAt >= askedAtMs) continue;
      const answered = call.answeredAt !== null;
      // Gone since the last list that had it up: it talked at least until then (unknown for a call never listed).
      const talkedUntilListed = answered && call.lastListedUpAt !== null && call.answeredAt !== null ? seconds(call.lastListedUpAt - call.answeredAt) : null;
      this.end(call, moment, out, {
        cause: answered ? 'normalClearing' : call.queue ? 'abandoned' : 'cancel',
        waitSec: null,
        talkSec: call.talkSec ?? talkedUntilListed,
        hungUpBy: null,
      });
    }
    for (const id of [...this.consultations.keys()]) if (!live.has(id)) this.consultations.delete(id);

    for (const channel of snapshot.channels) {
      if (!this.isMyChannel(channel.Channel)) continue;
      const callId = callIdOf(channel);
      if (this.consultations.has(callId)) continue;
      const origin = snapshot.channels.find((other) => other.Uniqueid === callId) ?? channel;
      const direction = channel.Uniqueid === callId ? 'out' : 'in';
      const call = this.callFor(callId, { direction, number: channel.ConnectedLineNum, queue: null });
      call.mine = true;
      call.lastListedUpAt = moment.at;
      // A call the desk knows (followed, or seeded from before a restart) keeps its offer: this one would be later than the truth.
      this.offer(call, earlier(moment, secondsOf(origin.Duration) * 1000), out);
      const up = channel.ChannelState === '6' && (channel.BridgeId ?? '') !== '';
      if (up) this.answer(call, this.config.agent, null, moment, out);
      else if (direction === 'in') this.emit(call, out, moment, { kind: 'ringing', agent: this.config.agent, queue: call.queue });
    }

    for (const entry of snapshot.queueEntries) {
      if (!this.queues.has(entry.Queue ?? '')) continue;
      const channel = snapshot.channels.find((one) => one.Uniqueid === entry.Uniqueid);
      const callId = channel ? callIdOf(channel) : (entry.Uniqueid ?? '');
      if (callId === '') continue;
      const call = this.callFor(callId, { direction: 'in', number: entry.CallerIDNum, queue: entry.Queue ?? null });
      call.inQueue = true;
      this.offer(call, earlier(moment, (Number(entry.Wait ?? 0) || 0) * 1000), out);
    }
    return out;
  }

  // ── queue calls ────────────────────────────────────────────────────────────

  private onQueueJoin(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const queue = message.Queue ?? null;
    const callId = callIdOf(message);
    if (!this.calls.has(callId) && !this.queues.has(queue ?? '')) return;
    const call = this.callFor(callId, { direction: 'in', number: message.CallerIDNum, queue });
    call.queue = queue;
    call.inQueue = true;
    this.offer(call, moment, out);
  }

  private onAgentCalled(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const mine = this.isMyInterface(message.Interface) || this.isMyChannel(message.DestChannel);
    const call = this.queueCallFor(message, mine);
    if (!call) return;
    call.lastAgent = mine ? this.config.agent : agentOf(message);
    if (!mine) return;
    call.mine = true;
    // The queue rings this leg (its DialBegin may come first): AgentConnect tells its answer.
    if (call.dialledLeg !== null && call.dialledLeg === message.DestChannel?.toLowerCase()) call.dialledLeg = null;
    this.offer(call, moment, out);
    this.emit(call, out, moment, { kind: 'ringing', agent: this.config.agent, queue: call.queue });
  }

  private onAgentConnect(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const mine = this.isMyInterface(message.Interface) || this.isMyChannel(message.DestChannel);
    const call = this.queueCallFor(message, mine);
    if (!call) return;
    const waitSec = numberOf(message.HoldTime);
    call.inQueue = false;
    call.queueWaitSec ??= waitSec;
    call.lastAgent = mine ? this.config.agent : agentOf(message);
    if (!mine) {
      call.answeredAt ??= moment.at;
      call.answeredBy ??= call.lastAgent;
      return;
    }
    call.mine = true;
    this.offer(call, earlier(moment, (waitSec ?? 0) * 1000), out);
    this.answer(call, this.config.agent, waitSec, moment, out);
  }

  private onAgentComplete(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const mine = this.isMyInterface(message.Interface) || this.isMyChannel(message.DestChannel);
    const call = this.queueCallFor(message, mine);
    if (!call) return;
    const waitSec = numberOf(message.HoldTime);
    const talkSec = numberOf(message.TalkTime);
    const agent = mine ? this.config.agent : agentOf(message);
    // A colleague's talk is not this desk's, once the call came on to this desk's phone.
    const answeredHere = !mine && call.answeredBy === this.config.agent;
    if (!answeredHere) call.talkSec = talkSec;
    if (mine) {
      // Worked back when the answer was never seen: it came TalkTime before now, the call HoldTime before that.
      const answeredAt = earlier(moment, (talkSec ?? 0) * 1000);
      this.offer(call, earlier(answeredAt, (waitSec ?? 0) * 1000), out);
      this.answer(call, this.config.agent, waitSec, answeredAt, out);
    } else if (!answeredHere) {
      call.answeredAt ??= moment.at - (talkSec ?? 0) * 1000;
      call.answeredBy ??= agent;
    }
    // A transferred call goes on with its new party: it ends when the caller hangs up.
    if (message.Reason === 'transfer' || call.transferred) return;
    const hungUpBy = message.Reason === 'caller' || message.Reason === 'agent' ? message.Reason : null;
    this.end(call, moment, out, { cause: 'normalClearing', waitSec, talkSec, hungUpBy, agent });
  }

  private onAbandon(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const callId = callIdOf(message);
    if (!this.calls.has(callId) && !this.queues.has(message.Queue ?? '')) return;
    const call = this.callFor(callId, { direction: 'in', number: message.CallerIDNum, queue: message.Queue ?? null });
    const waitSec = numberOf(message.HoldTime);
    this.offer(call, earlier(moment, (waitSec ?? 0) * 1000), out);
    this.end(call, moment, out, { cause: 'abandoned', waitSec, talkSec: null, hungUpBy: 'caller', agent: call.lastAgent });
  }

  /** The queue call an agent event is about: one the desk follows, or a new one when it rings the desk's agent. */
  private queueCallFor(message: AmiMessage, mine: boolean): Call | null {
    const callId = callIdOf(message);
    const known = this.calls.get(callId);
    if (known) return known;
    if (!mine && !this.queues.has(message.Queue ?? '')) return null;
    const call = this.callFor(callId, { direction: 'in', number: message.CallerIDNum, queue: message.Queue ?? null });
    call.inQueue = true;
    return call;
  }

  // ── direct calls and transfers ─────────────────────────────────────────────

  private onDialBegin(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const callId = callIdOf(message);
    const known = this.calls.get(callId);
    if (this.isMyChannel(message.DestChannel)) {
      const call = known ?? this.callFor(callId, { direction: 'in', number: message.CallerIDNum, queue: null });
      call.mine = true;
      // A queue rings its members through Dial too, while the caller waits in it; any other Dial of the
      // desk's phone (a transfer to it, even of a queue call it watches; a direct call) is its own leg.
      if (!call.inQueue && !call.emitted.has('answered')) call.dialledLeg = message.DestChannel?.toLowerCase() ?? null;
      this.offer(call, moment, out);
      this.emit(call, out, moment, { kind: 'ringing', agent: this.config.agent, queue: call.queue });
      return;
    }
    if (this.isMyChannel(message.Channel) && !known) {
      if (this.activeCall()) {
        this.consultations.set(callId, { began: moment, answered: null, target: targetOf(message.DestExten ?? message.DialString) });
        return;
      }
      // What the agent dialled: the calling channel's Exten, else the callee's caller ID, else the dial string.
      const dialled = [message.Exten, message.DestCallerIDNum, message.DialString].find((candidate) => numberLast4(candidate) !== null);
      const call = this.callFor(callId, { direction: 'out', number: dialled, queue: null });
      call.mine = true;
      this.offer(call, moment, out);
    }
  }

  private onDialEnd(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const callId = callIdOf(message);
    const consultation = this.consultations.get(callId);
    if (consultation) {
      if (message.DialStatus === 'ANSWER') consultation.answered ??= moment;
      return;
    }
    const call = this.calls.get(callId);
    if (!call?.mine) return;
    const myLeg = this.isMyChannel(message.DestChannel) || this.isMyChannel(message.Channel);
    if (call.transferred && !this.isMyChannel(message.DestChannel)) {
      if (message.DialStatus === 'ANSWER') this.emit(call, out, moment, { kind: 'transferAnswered', target: targetOf(message.DestChannel) });
      return;
    }
    // A queue rings its members through Dial too; there AgentConnect/AgentComplete/Abandon tell the story.
    if (!myLeg || (call.queue && !this.isDialledLeg(call, message.DestChannel))) return;
    if (message.DialStatus === 'ANSWER') {
      this.answerDialledLeg(call, moment, out);
      return;
    }
    this.end(call, moment, out, {
      cause: DIAL_CAUSES[message.DialStatus ?? ''] ?? 'normalClearing',
      waitSec: call.offeredAt === null ? null : seconds(moment.at - call.offeredAt),
      talkSec: null,
      hungUpBy: message.DialStatus === 'CANCEL' ? (call.direction === 'in' ? 'caller' : 'agent') : null,
    });
  }

  private onBridgeEnter(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const call = this.calls.get(callIdOf(message));
    if (!call?.mine) return;
    const channelIsMine = this.isMyChannel(message.Channel);
    if (call.transferred) {
      if (!channelIsMine && message.Uniqueid !== call.callId) {
        this.emit(call, out, moment, { kind: 'transferAnswered', target: targetOf(message.Channel) });
      }
      return;
    }
    if (channelIsMine && (!call.queue || this.isDialledLeg(call, message.Channel))) this.answerDialledLeg(call, moment, out);
  }

  /** The desk's phone took a call it was dialled on (not through the queue): the talk from here is its own. */
  private answerDialledLeg(call: Call, moment: Moment, out: CallEvent[]): void {
    if (call.emitted.has('answered')) return;
    if (call.answeredBy !== null && call.answeredBy !== this.config.agent) call.talkSec = null;
    this.answer(call, this.config.agent, call.queueWaitSec, moment, out);
  }

  private isDialledLeg(call: Call, channel: string | undefined): boolean {
    return call.dialledLeg !== null && channel !== undefined && channel.toLowerCase() === call.dialledLeg;
  }

  private onBlindTransfer(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    if ((message.Result ?? 'Success') !== 'Success' || !this.isMyChannel(message.TransfererChannel)) return;
    const call = this.calls.get(message.TransfereeLinkedid ?? '') ?? this.calls.get(message.TransfererLinkedid ?? '');
    if (!call?.mine) return;
    call.transferred = true;
    this.emit(call, out, moment, { kind: 'transferred', mode: 'blind', target: targetOf(message.Extension) });
  }

  private onAttendedTransfer(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    if ((message.Result ?? 'Success') !== 'Success') return;
    if (!this.isMyChannel(message.OrigTransfererChannel) && !this.isMyChannel(message.SecondTransfererChannel)) return;
    const ids = [message.OrigTransfererLinkedid, message.SecondTransfererLinkedid, message.TransfereeLinkedid, message.TransferTargetLinkedid];
    const call = ids.map((id) => this.calls.get(id ?? '')).find((one) => one?.mine && !one.emitted.has('ended'));
    if (!call) return;
    const consultationId = ids.find((id) => id !== undefined && this.consultations.has(id));
    const consultation = consultationId === undefined ? undefined : this.consultations.get(consultationId);
    if (consultationId !== undefined) this.consultations.delete(consultationId);
    call.transferred = true;
    const target = consultation?.target ?? targetOf(message.TransferTargetChannel);
    // The consultation's moments came on the clock of their own packets: carried onto this call's offset, its durations stay the PBX's.
    const began = consultation ? this.onCallClock(call, consultation.began) : moment;
    this.emit(call, out, began, { kind: 'transferred', mode: 'attended', target });
    // The target took the consultation call before the hand-over: that is when the transfer was answered.
    const answered = consultation?.answered ? this.onCallClock(call, consultation.answered) : moment;
    this.emit(call, out, answered, { kind: 'transferAnswered', target });
  }

  private onHangup(message: AmiMessage, moment: Moment, out: CallEvent[]): void {
    const callId = callIdOf(message);
    if (this.consultations.has(callId)) {
      if (message.Uniqueid === callId) this.consultations.delete(callId);
      return;
    }
    const call = this.calls.get(callId);
    if (!call || call.emitted.has('ended')) return;
    const answered = call.answeredAt !== null;
    const talkSec = call.talkSec ?? (answered && !call.transferred && call.answeredAt !== null ? seconds(moment.at - call.answeredAt) : null);
    if (message.Uniqueid === callId) {
      const cause = answered ? 'normalClearing' : unansweredCause(message.Cause, call);
      const hungUpBy = call.transferred ? null : call.direction === 'in' ? 'caller' : 'agent';
      const waitSec = answered || call.offeredAt === null ? null : seconds(moment.at - call.offeredAt);
      this.end(call, moment, out, { cause, waitSec, talkSec, hungUpBy, agent: call.answeredBy ?? call.lastAgent });
      return;
    }
    if (this.isMyChannel(message.Channel) && answered && !call.transferred && call.answeredBy === this.config.agent) {
      this.end(call, moment, out, { cause: 'normalClearing', waitSec: null, talkSec, hungUpBy: call.direction === 'in' ? 'agent' : 'caller' });
    }
  }

  // ── the stream's rules ─────────────────────────────────────────────────────

  private offer(call: Call, moment: Moment, out: CallEvent[]): void {
    if (call.emitted.has('offered')) return;
    call.offeredAt = moment.at;
    const agent = call.direction === 'out' ? this.config.agent : null;
    this.emit(call, out, moment, { kind: 'offered', direction: call.direction, numberLast4: call.numberLast4, queue: call.queue, agent });
  }

  private answer(call: Call, agent: string, waitSec: number | null, moment: Moment, out: CallEvent[]): void {
    if (call.emitted.has('answered')) return;
    this.offer(call, moment, out);
    call.answeredAt = moment.at;
    call.answeredBy = agent;
    this.emit(call, out, moment, { kind: 'answered', agent, waitSec });
  }

  private end(
    call: Call,
    moment: Moment,
    out: CallEvent[],
    how: { cause: EndCause; waitSec: number | null; talkSec: number | null; hungUpBy: 'caller' | 'agent' | null; agent?: string | null },
  ): void {
    this.offer(call, moment, out);
    const unanswered = call.answeredAt === null;
    const agent = how.agent !== undefined ? how.agent : (call.answeredBy ?? call.lastAgent ?? (call.mine ? this.config.agent : null));
    this.emit(call, out, moment, {
      kind: 'ended',
      cause: how.cause,
      unanswered,
      queue: call.queue,
      agent,
      waitSec: how.waitSec,
      talkSec: how.talkSec,
      hungUpBy: how.hungUpBy,
    });
  }

  /** Once per (call, kind), never after the call ended. */
  private emit(call: Call, out: CallEvent[], moment: Moment, event: DistributiveOmit<CallEvent, 'source' | 'callId' | 'at' | 'clock'>): void {
    if (call.emitted.has('ended') || call.emitted.has(event.kind)) return;
    // A ring that arrives after the answer is stale news.
    if (event.kind === 'ringing' && call.emitted.has('answered')) return;
    call.emitted.add(event.kind);
    call.lastAt = moment.at;
    out.push({ ...event, source: this.config.source, callId: call.callId, at: moment.at, clock: moment.clock } as CallEvent);
  }

  private callFor(callId: string, first: { direction: 'in' | 'out'; number: string | undefined; queue: string | null }): Call {
    const known = this.calls.get(callId);
    if (known) return known;
    const call: Call = {
      callId,
      emitted: new Set(),
      direction: first.direction,
      numberLast4: numberLast4(first.number),
      queue: first.queue,
      inQueue: false,
      mine: false,
      lastAgent: null,
      offeredAt: null,
      answeredAt: null,
      answeredBy: null,
      transferred: false,
      dialledLeg: null,
      queueWaitSec: null,
      talkSec: null,
      lastListedUpAt: null,
      offsetMs: this.newCallOffsetMs,
      lastAt: 0,
      seenAt: 0,
    };
    this.calls.set(callId, call);
    return call;
  }

  /** The desk's agent is talking on a call now (so a call it dials is a consultation, not a new outbound call). */
  private activeCall(): Call | undefined {
    return [...this.calls.values()].find((call) => call.mine && call.answeredAt !== null && !call.emitted.has('ended') && !call.transferred);
  }

  private forgetOldCalls(): void {
    if (this.calls.size <= KEEP_ENDED) return;
    const ended = [...this.calls.values()].filter((call) => call.emitted.has('ended')).sort((a, b) => a.lastAt - b.lastAt);
    for (const call of ended.slice(0, this.calls.size - KEEP_ENDED)) this.calls.delete(call.callId);
  }

  /**
   * A packet's moment on the desk's clock: its Timestamp carried by the offset of the call it
   * is about (fixed at that call's first timestamped packet; a new call takes the estimate now),
   * else its arrival.
   */
  private momentOf(message: AmiMessage, arrivalMs: number): Moment {
    const stamp = Number(message.Timestamp);
    if (message.Timestamp === undefined || !Number.isFinite(stamp) || stamp <= 0) {
      this.newCallOffsetMs = null;
      return { at: arrivalMs, clock: 'arrival', pbxMs: null };
    }
    const pbxMs = Math.round(stamp * 1000);
    this.clock.sample(arrivalMs, pbxMs);
    const call = this.callOfPacket(message);
    if (call) call.offsetMs ??= this.clock.estimateMs();
    const offsetMs = call?.offsetMs ?? this.clock.estimateMs() ?? 0;
    this.newCallOffsetMs = offsetMs;
    return { at: pbxMs + offsetMs, clock: 'pbx', pbxMs };
  }

  /** The followed call a packet is about: its Linkedid's, or for a transfer the call of one of its parties. */
  private callOfPacket(message: AmiMessage): Call | undefined {
    const ids = [
      callIdOf(message),
      message.TransfereeLinkedid,
      message.TransfererLinkedid,
      message.OrigTransfererLinkedid,
      message.SecondTransfererLinkedid,
      message.TransferTargetLinkedid,
    ];
    for (const id of ids) {
      const call = id === undefined ? undefined : this.calls.get(id);
      if (call && !call.emitted.has('ended')) return call;
    }
    return undefined;
  }

  /** A moment taken on another packet's offset, carried onto this call's. */
  private onCallClock(call: Call, moment: Moment): Moment {
    if (moment.pbxMs === null || call.offsetMs === null) return moment;
    return { ...moment, at: moment.pbxMs + call.offsetMs };
  }

  /** A call the desk had open before this start: known, so the first reconcile ends it or leaves it be, never offers it again. */
  private seed(seed: OpenCallSeed): void {
    const call = this.callFor(seed.callId, { direction: seed.direction, number: undefined, queue: seed.queue });
    call.mine = seed.mine;
    call.offeredAt = seed.offeredAt;
    call.emitted.add('offered');
    if (seed.mine && seed.direction === 'in') call.emitted.add('ringing');
    if (seed.answeredAt !== null) {
      call.answeredAt = seed.answeredAt;
      call.answeredBy = seed.mine ? this.config.agent : seed.agent;
      if (seed.mine) call.emitted.add('answered');
    }
    call.lastAgent = seed.agent;
    call.lastAt = seed.offeredAt;
  }

  private isMyInterface(iface: string | undefined): boolean {
    return iface !== undefined && iface.toLowerCase() === this.agent;
  }

  /** `PJSIP/1001-0000002a` is a channel of the interface `PJSIP/1001`. */
  private isMyChannel(channel: string | undefined): boolean {
    if (channel === undefined) return false;
    const lower = channel.toLowerCase();
    return lower === this.agent || lower.startsWith(`${this.agent}-`);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Q.850 cause codes of a Hangup → the stream's causes (16 normal clearing, 17 busy, 18/19 no answer, 1 unallocated, 34/38/41/42 congestion). */
function unansweredCause(code: string | undefined, call: Call): EndCause {
  switch (Number(code)) {
    case 17:
    case 21:
      return 'busy';
    case 18:
    case 19:
      return 'noAnswer';
    case 1:
    case 3:
    case 20:
      return 'notFound';
    case 34:
    case 38:
    case 41:
    case 42:
      return 'congestion';
    default:
      // The caller hung up: in the queue it is an abandon; after a queue's timeout, nobody answered.
      if (call.queue) return call.inQueue ? 'abandoned' : 'noAnswer';
      return 'cancel';
  }
}

/** A moment worked back by `ms` (a wait, a talk time, a channel's age), on the same clock. */
function earlier(moment: Moment, ms: number): Moment {
  return { at: moment.at - ms, clock: moment.clock, pbxMs: moment.pbxMs === null ? null : moment.pbxMs - ms };
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
