import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiNormaliser } from '../../../../electron/telephony/ami/normalise';
import type { CallEvent } from '../../../../shared/telephony/callEvents';
import { readTranscript } from '../../../helpers/amiServer';

// Expected streams below are written by hand from each transcript's story (tests/fixtures/ami/), not from the code.
const FIXTURES = path.join(__dirname, '../../../fixtures/ami');
const source = { system: 'ami', pbx: 'pbx.test:5038' } as const;
const base = { source, clock: 'pbx' } as const;
/** When the Asterisk 18 transcripts (arrival times) start, on the desk's clock. */
const START = Date.UTC(2025, 11, 1, 9, 0, 0);

function replay(file: string, options: { agent?: string; queues?: string[]; skewMs?: number } = {}): { events: CallEvent[]; normaliser: AmiNormaliser } {
  const normaliser = new AmiNormaliser({ source, agent: options.agent ?? 'PJSIP/1001', queues: options.queues ?? ['support'] });
  const events: CallEvent[] = [];
  for (const { arrivalSec, message } of readTranscript(path.join(FIXTURES, file))) {
    // Timestamped events arrive 40 ms after their Timestamp on a desk clock `skewMs` ahead.
    const arrival = message.Timestamp ? Number(message.Timestamp) * 1000 + 40 + (options.skewMs ?? 0) : START + arrivalSec * 1000;
    events.push(...normaliser.feed(message, arrival));
  }
  return { events, normaliser };
}

const ms = (epochSec: number): number => Math.round(epochSec * 1000);
/** The network's delay in `replay`: a Timestamped event's moment is its Timestamp carried onto the desk's clock by the offset (delay + skew). */
const DELAY_MS = 40;
const onDesk = (epochSec: number, skewMs = 0): number => ms(epochSec) + DELAY_MS + skewMs;

describe('AMI normaliser, per transcript', () => {
  it('a queue call answered after 12 s: offered at queue entry, ringing, answered with its wait, ended with talk time and who hung up', () => {
    const { events } = replay('asterisk20-queue-answered.ami');
    const callId = '1764590400.16';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: onDesk(1764590400.12), direction: 'in', numberLast4: '8000', queue: 'support', agent: null },
      { ...base, callId, kind: 'ringing', at: onDesk(1764590402.2), agent: 'PJSIP/1001', queue: 'support' },
      { ...base, callId, kind: 'answered', at: onDesk(1764590412.35), agent: 'PJSIP/1001', waitSec: 12 },
      {
        ...base,
        callId,
        kind: 'ended',
        at: onDesk(1764590507.4),
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: 12,
        talkSec: 95,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('an abandon in a watched queue that rang no agent is the queue’s missed call; an unwatched queue gives nothing', () => {
    const { events } = replay('asterisk18-queue-abandon.ami');
    const callId = '1764591000.32';
    const arrival = { source, clock: 'arrival' } as const;
    expect(events).toEqual([
      { ...arrival, callId, kind: 'offered', at: START, direction: 'in', numberLast4: '1234', queue: 'support', agent: null },
      {
        ...arrival,
        callId,
        kind: 'ended',
        at: START + 31_000,
        cause: 'abandoned',
        unanswered: true,
        queue: 'support',
        agent: null,
        waitSec: 31,
        talkSec: null,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('a desk watching no queue gets nothing of a queue abandon that never rang it', () => {
    expect(replay('asterisk18-queue-abandon.ami', { queues: [] }).events).toEqual([]);
  });

  it('direct calls to the extension: answered after 6 s and hung up by the agent; then one that rings out (NOANSWER)', () => {
    const { events } = replay('asterisk20-direct-call.ami');
    const first = '1764592000.48';
    const second = '1764592100.50';
    expect(events).toEqual([
      { ...base, callId: first, kind: 'offered', at: onDesk(1764592000), direction: 'in', numberLast4: '4321', queue: null, agent: null },
      { ...base, callId: first, kind: 'ringing', at: onDesk(1764592000), agent: 'PJSIP/1001', queue: null },
      { ...base, callId: first, kind: 'answered', at: onDesk(1764592006), agent: 'PJSIP/1001', waitSec: null },
      {
        ...base,
        callId: first,
        kind: 'ended',
        at: onDesk(1764592046),
        cause: 'normalClearing',
        unanswered: false,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: null,
        talkSec: 40,
        hungUpBy: 'agent',
      },
      { ...base, callId: second, kind: 'offered', at: onDesk(1764592100), direction: 'in', numberLast4: '1111', queue: null, agent: null },
      { ...base, callId: second, kind: 'ringing', at: onDesk(1764592100), agent: 'PJSIP/1001', queue: null },
      {
        ...base,
        callId: second,
        kind: 'ended',
        at: onDesk(1764592120),
        cause: 'noAnswer',
        unanswered: true,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: 20,
        talkSec: null,
        hungUpBy: null,
      },
    ]);
  });

  it('a blind transfer: transferred at the transfer, transfer answered when 1002 picks up, ended when the caller hangs up', () => {
    const { events } = replay('asterisk18-blind-transfer.ami');
    const arrival = { source, clock: 'arrival', callId: '1764593000.64' } as const;
    expect(events).toEqual([
      { ...arrival, kind: 'offered', at: START, direction: 'in', numberLast4: '5678', queue: 'support', agent: null },
      { ...arrival, kind: 'ringing', at: START + 1000, agent: 'PJSIP/1001', queue: 'support' },
      { ...arrival, kind: 'answered', at: START + 5000, agent: 'PJSIP/1001', waitSec: 5 },
      { ...arrival, kind: 'transferred', at: START + 65_000, mode: 'blind', target: '1002' },
      { ...arrival, kind: 'transferAnswered', at: START + 73_000, target: 'PJSIP/1002' },
      {
        ...arrival,
        kind: 'ended',
        at: START + 200_000,
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: null,
        talkSec: 60,
        hungUpBy: null,
      },
    ]);
  });

  it('a queue call blind-transferred to 1002, which watches the queue: on 1002’s desk it rings, is answered at its DialEnd with the queue wait, and ends with 1002’s own talk', () => {
    const { events } = replay('asterisk20-blind-transfer-to-watcher.ami', { agent: 'PJSIP/1002' });
    const callId = '1764599000.144';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: onDesk(1764599000.1), direction: 'in', numberLast4: '6789', queue: 'support', agent: null },
      { ...base, callId, kind: 'ringing', at: onDesk(1764599065.6), agent: 'PJSIP/1002', queue: 'support' },
      { ...base, callId, kind: 'answered', at: onDesk(1764599073.6), agent: 'PJSIP/1002', waitSec: 5 },
      {
        ...base,
        callId,
        kind: 'ended',
        at: onDesk(1764599200.7),
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1002',
        waitSec: null,
        // 73.6 s → 200.7 s: 1002's talk, not the 60 s 1001 talked before the transfer.
        talkSec: 127,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('the same transfer on the transferring desk (1001) and on a desk that does not watch the queue (1002)', () => {
    const callId = '1764599000.144';
    const transferring = replay('asterisk20-blind-transfer-to-watcher.ami').events;
    expect(transferring.map((event) => event.kind)).toEqual(['offered', 'ringing', 'answered', 'transferred', 'transferAnswered', 'ended']);
    expect(transferring[3]).toMatchObject({ callId, at: onDesk(1764599065.5), target: '1002' });
    expect(transferring[4]).toMatchObject({ at: onDesk(1764599073.6), target: 'PJSIP/1002' });
    expect(transferring[5]).toMatchObject({ at: onDesk(1764599200.7), unanswered: false, agent: 'PJSIP/1001', talkSec: 60 });

    const receiving = replay('asterisk20-blind-transfer-to-watcher.ami', { agent: 'PJSIP/1002', queues: [] }).events;
    expect(receiving).toEqual([
      { ...base, callId, kind: 'offered', at: onDesk(1764599065.6), direction: 'in', numberLast4: '6789', queue: null, agent: null },
      { ...base, callId, kind: 'ringing', at: onDesk(1764599065.6), agent: 'PJSIP/1002', queue: null },
      { ...base, callId, kind: 'answered', at: onDesk(1764599073.6), agent: 'PJSIP/1002', waitSec: null },
      {
        ...base,
        callId,
        kind: 'ended',
        at: onDesk(1764599200.7),
        cause: 'normalClearing',
        unanswered: false,
        queue: null,
        agent: 'PJSIP/1002',
        waitSec: null,
        talkSec: 127,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('an attended transfer: transferred when the consultation call began, answered when 1002 took it, one call only', () => {
    const { events } = replay('asterisk20-attended-transfer.ami');
    const callId = '1764594000.80';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: onDesk(1764594000), direction: 'in', numberLast4: '4321', queue: null, agent: null },
      { ...base, callId, kind: 'ringing', at: onDesk(1764594000), agent: 'PJSIP/1001', queue: null },
      { ...base, callId, kind: 'answered', at: onDesk(1764594004), agent: 'PJSIP/1001', waitSec: null },
      { ...base, callId, kind: 'transferred', at: onDesk(1764594030), mode: 'attended', target: '1002' },
      { ...base, callId, kind: 'transferAnswered', at: onDesk(1764594038), target: '1002' },
      {
        ...base,
        callId,
        kind: 'ended',
        at: onDesk(1764594180),
        cause: 'normalClearing',
        unanswered: false,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: null,
        talkSec: null,
        hungUpBy: null,
      },
    ]);
  });

  it('duplicated and reordered events give one consistent stream: the early answer brings its worked-back offer, the rest is ignored', () => {
    const { events } = replay('asterisk20-duplicated-reordered.ami');
    const callId = '1764595000.96';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: onDesk(1764595000), direction: 'in', numberLast4: '9999', queue: 'support', agent: null },
      { ...base, callId, kind: 'answered', at: onDesk(1764595008), agent: 'PJSIP/1001', waitSec: 8 },
      {
        ...base,
        callId,
        kind: 'ended',
        at: onDesk(1764595068),
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: 8,
        talkSec: 60,
        hungUpBy: 'agent',
      },
    ]);
  });

  it('a transcript replayed a second time into the same desk changes nothing', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: ['support'] });
    const packets = readTranscript(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    const feedAll = () => packets.flatMap(({ message }) => normaliser.feed(message, Number(message.Timestamp) * 1000));
    expect(feedAll()).toHaveLength(4);
    expect(feedAll()).toEqual([]);
  });

  it('the pre-12 names Join and Leave, keyed by Uniqueid', () => {
    const { events } = replay('asterisk11-join-leave.ami');
    const arrival = { source, clock: 'arrival', callId: '1764597000.10' } as const;
    expect(events).toEqual([
      { ...arrival, kind: 'offered', at: START, direction: 'in', numberLast4: '3333', queue: 'support', agent: null },
      {
        ...arrival,
        kind: 'ended',
        at: START + 20_000,
        cause: 'abandoned',
        unanswered: true,
        queue: 'support',
        agent: null,
        waitSec: 20,
        talkSec: null,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('no number longer than four digits leaves the normaliser, in any field of any transcript', () => {
    const files = [
      'asterisk20-queue-answered.ami',
      'asterisk18-queue-abandon.ami',
      'asterisk20-direct-call.ami',
      'asterisk18-blind-transfer.ami',
      'asterisk20-attended-transfer.ami',
      'asterisk20-blind-transfer-to-watcher.ami',
      'asterisk20-duplicated-reordered.ami',
      'asterisk11-join-leave.ami',
    ];
    for (const file of files) {
      const { events } = replay(file, { queues: ['support', 'sales'] });
      for (const event of events) {
        const { callId: _callId, at: _at, ...rest } = event;
        expect(JSON.stringify(rest), file).not.toMatch(/\d{5,}/);
      }
    }
  });
});

describe('AMI normaliser, the PBX clock', () => {
  it('with the PBX 60 s ahead of the desk, the moments are the Timestamps carried onto the desk’s clock; waits and talk stay the PBX’s', () => {
    const skewMs = -60_000;
    const { events, normaliser } = replay('asterisk20-queue-answered.ami', { skewMs });
    expect(normaliser.clockOffsetMs()).toBe(-59_960);
    const callId = '1764590400.16';
    const deskBase = { source, callId, clock: 'pbx' } as const;
    expect(events).toEqual([
      { ...deskBase, kind: 'offered', at: onDesk(1764590400.12, skewMs), direction: 'in', numberLast4: '8000', queue: 'support', agent: null },
      { ...deskBase, kind: 'ringing', at: onDesk(1764590402.2, skewMs), agent: 'PJSIP/1001', queue: 'support' },
      { ...deskBase, kind: 'answered', at: onDesk(1764590412.35, skewMs), agent: 'PJSIP/1001', waitSec: 12 },
      {
        ...deskBase,
        kind: 'ended',
        at: onDesk(1764590507.4, skewMs),
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: 12,
        talkSec: 95,
        hungUpBy: 'caller',
      },
    ]);
    // An Answer clicked when the phone was picked up (the desk's clock) is not before the call came in.
    const clickedAnswer = ms(1764590412.35) + skewMs + DELAY_MS;
    expect(clickedAnswer).toBeGreaterThanOrEqual(events[0]!.at);
  });

  it('the offset is fixed per call at its first event, so a better estimate later does not stretch or shrink the call', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: ['support'] });
    const packets = readTranscript(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    // The first packets come late (a slow link, 900 ms), the later ones quickly (40 ms): the estimate falls on the way.
    const events = packets.flatMap(({ message }, index) => normaliser.feed(message, Number(message.Timestamp) * 1000 + (index < 2 ? 900 : 40)));
    expect(normaliser.clockOffsetMs()).toBe(40);
    // The call took the 900 ms of its first packet: every moment is its Timestamp + 900 ms, the PBX's gaps kept to the millisecond.
    expect(events.map((event) => event.at - ms(1764590400.12))).toEqual([900, 900 + 2080, 900 + 12_230, 900 + 107_280]);
  });

  it('has no offset without timestampevents', () => {
    expect(replay('asterisk18-queue-abandon.ami').normaliser.clockOffsetMs()).toBeNull();
  });

  it('works the times back from HoldTime and TalkTime when the answer was never seen', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: [] });
    const events = normaliser.feed(
      { Event: 'AgentComplete', Linkedid: '9.1', Uniqueid: '9.1', CallerIDNum: '13800001234', Queue: 'support', Interface: 'PJSIP/1001', HoldTime: '15', TalkTime: '100', Reason: 'caller' },
      START + 115_000,
    );
    const arrival = { source, clock: 'arrival', callId: '9.1' } as const;
    expect(events).toEqual([
      { ...arrival, kind: 'offered', at: START, direction: 'in', numberLast4: '1234', queue: 'support', agent: null },
      { ...arrival, kind: 'answered', at: START + 15_000, agent: 'PJSIP/1001', waitSec: 15 },
      {
        ...arrival,
        kind: 'ended',
        at: START + 115_000,
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: 15,
        talkSec: 100,
        hungUpBy: 'caller',
      },
    ]);
  });
});

describe('AMI normaliser, whose call it is', () => {
  it('a desk watching the queue sees a colleague’s answered call as offered and ended, naming the colleague, never as ringing it', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1002', queues: ['support'] });
    const events = readTranscript(path.join(FIXTURES, 'asterisk20-queue-answered.ami')).flatMap(({ message }) =>
      normaliser.feed(message, Number(message.Timestamp) * 1000),
    );
    expect(events.map((event) => event.kind)).toEqual(['offered', 'ended']);
    expect(events[1]).toMatchObject({ unanswered: false, agent: 'PJSIP/1001', talkSec: 95, queue: 'support' });
  });

  it('a call the agent dials is offered outbound with the dialled number’s last four digits, and a busy line ends it', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: [] });
    const leg = {
      Channel: 'PJSIP/1001-000000a0',
      CallerIDNum: '1001',
      Exten: '013900001234',
      Uniqueid: '1764598000.160',
      Linkedid: '1764598000.160',
      DestChannel: 'PJSIP/trunk-000000a1',
      DestCallerIDNum: '<unknown>',
      DestLinkedid: '1764598000.160',
      DialString: 'trunk/013900001234',
    };
    const events = [
      ...normaliser.feed({ Event: 'DialBegin', ...leg }, START),
      ...normaliser.feed({ Event: 'DialEnd', ...leg, DialStatus: 'BUSY' }, START + 3000),
      ...normaliser.feed({ Event: 'Hangup', ...leg, Cause: '17' }, START + 3100),
    ];
    const arrival = { source, clock: 'arrival', callId: '1764598000.160' } as const;
    expect(events).toEqual([
      { ...arrival, kind: 'offered', at: START, direction: 'out', numberLast4: '1234', queue: null, agent: 'PJSIP/1001' },
      {
        ...arrival,
        kind: 'ended',
        at: START + 3000,
        cause: 'busy',
        unanswered: true,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: 3,
        talkSec: null,
        hungUpBy: null,
      },
    ]);
  });
});

describe('AMI normaliser, calls the desk had open before it started', () => {
  const seeds = [
    // Answered on this desk before the restart; hung up while the desk was down.
    { callId: '1764600000.1', direction: 'in', mine: true, queue: 'support', agent: 'PJSIP/1001', offeredAt: START, answeredAt: START + 8000 },
    // Answered on this desk and still talking.
    { callId: '1764600100.5', direction: 'in', mine: true, queue: null, agent: 'PJSIP/1001', offeredAt: START + 100_000, answeredAt: START + 104_000 },
    // Waiting in a watched queue; the caller gave up while the desk was down.
    { callId: '1764600200.9', direction: 'in', mine: false, queue: 'support', agent: null, offeredAt: START + 200_000, answeredAt: null },
  ] as const;
  const stillUp = [
    { Event: 'CoreShowChannel', Channel: 'PJSIP/trunk-00000005', Uniqueid: '1764600100.5', Linkedid: '1764600100.5', ChannelState: '6', Duration: '00:03:20', BridgeId: 'b-5' },
    { Event: 'CoreShowChannel', Channel: 'PJSIP/1001-00000006', Uniqueid: '1764600101.6', Linkedid: '1764600100.5', ChannelState: '6', Duration: '00:03:19', BridgeId: 'b-5' },
  ];

  it('the first reconcile ends those no longer up, as known (answered or not), and offers none again', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: ['support'], openCalls: seeds });
    expect(normaliser.openCalls()).toBe(3);
    const at = START + 300_000;
    const events = normaliser.reconcile({ channels: stillUp, queueEntries: [] }, at);
    const arrival = { source, clock: 'arrival', at } as const;
    expect(events).toEqual([
      {
        ...arrival,
        callId: '1764600000.1',
        kind: 'ended',
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'PJSIP/1001',
        waitSec: null,
        // Never listed up by this connection: how long it talked is not known here.
        talkSec: null,
        hungUpBy: null,
      },
      { ...arrival, callId: '1764600200.9', kind: 'ended', cause: 'abandoned', unanswered: true, queue: 'support', agent: null, waitSec: null, talkSec: null, hungUpBy: null },
    ]);
    expect(normaliser.openCalls()).toBe(1);
  });

  it('the call still up ends from its own hang-up, with its talk from the answer before the restart, on the desk’s clock', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: ['support'], openCalls: seeds });
    normaliser.reconcile({ channels: stillUp, queueEntries: [] }, START + 300_000);
    // The PBX is 60 s ahead: its Hangup at START + 344 s on its clock arrives at START + 284.04 s on the desk's.
    const hangupAt = START + 284_040;
    const events = normaliser.feed(
      { Event: 'Hangup', Timestamp: String((START + 344_000) / 1000), Channel: 'PJSIP/trunk-00000005', Uniqueid: '1764600100.5', Linkedid: '1764600100.5', Cause: '16' },
      hangupAt,
    );
    expect(events).toEqual([
      {
        source,
        clock: 'pbx',
        at: hangupAt,
        callId: '1764600100.5',
        kind: 'ended',
        cause: 'normalClearing',
        unanswered: false,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: null,
        // Answered at START + 104 s: 180 s of talk.
        talkSec: 180,
        hungUpBy: 'caller',
      },
    ]);
  });

  it('a call a later reconcile finds gone talked at least until the last list that had it up', () => {
    const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: ['support'], openCalls: seeds });
    normaliser.reconcile({ channels: stillUp, queueEntries: [] }, START + 300_000);
    const events = normaliser.reconcile({ channels: [], queueEntries: [] }, START + 360_000);
    expect(events).toEqual([
      expect.objectContaining({ callId: '1764600100.5', kind: 'ended', at: START + 360_000, unanswered: false, talkSec: 196, clock: 'arrival' }),
    ]);
  });
});
