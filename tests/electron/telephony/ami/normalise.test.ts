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

function replay(file: string, options: { queues?: string[]; skewMs?: number } = {}): { events: CallEvent[]; normaliser: AmiNormaliser } {
  const normaliser = new AmiNormaliser({ source, agent: 'PJSIP/1001', queues: options.queues ?? ['support'] });
  const events: CallEvent[] = [];
  for (const { arrivalSec, message } of readTranscript(path.join(FIXTURES, file))) {
    // Timestamped events arrive 40 ms after their Timestamp on a desk clock `skewMs` ahead.
    const arrival = message.Timestamp ? Number(message.Timestamp) * 1000 + 40 + (options.skewMs ?? 0) : START + arrivalSec * 1000;
    events.push(...normaliser.feed(message, arrival));
  }
  return { events, normaliser };
}

const ms = (epochSec: number): number => Math.round(epochSec * 1000);

describe('AMI normaliser, per transcript', () => {
  it('a queue call answered after 12 s: offered at queue entry, ringing, answered with its wait, ended with talk time and who hung up', () => {
    const { events } = replay('asterisk20-queue-answered.ami');
    const callId = '1764590400.16';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: ms(1764590400.12), direction: 'in', numberLast4: '8000', queue: 'support', agent: null },
      { ...base, callId, kind: 'ringing', at: ms(1764590402.2), agent: 'PJSIP/1001', queue: 'support' },
      { ...base, callId, kind: 'answered', at: ms(1764590412.35), agent: 'PJSIP/1001', waitSec: 12 },
      {
        ...base,
        callId,
        kind: 'ended',
        at: ms(1764590507.4),
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
      { ...base, callId: first, kind: 'offered', at: ms(1764592000), direction: 'in', numberLast4: '4321', queue: null, agent: null },
      { ...base, callId: first, kind: 'ringing', at: ms(1764592000), agent: 'PJSIP/1001', queue: null },
      { ...base, callId: first, kind: 'answered', at: ms(1764592006), agent: 'PJSIP/1001', waitSec: null },
      {
        ...base,
        callId: first,
        kind: 'ended',
        at: ms(1764592046),
        cause: 'normalClearing',
        unanswered: false,
        queue: null,
        agent: 'PJSIP/1001',
        waitSec: null,
        talkSec: 40,
        hungUpBy: 'agent',
      },
      { ...base, callId: second, kind: 'offered', at: ms(1764592100), direction: 'in', numberLast4: '1111', queue: null, agent: null },
      { ...base, callId: second, kind: 'ringing', at: ms(1764592100), agent: 'PJSIP/1001', queue: null },
      {
        ...base,
        callId: second,
        kind: 'ended',
        at: ms(1764592120),
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

  it('an attended transfer: transferred when the consultation call began, answered when 1002 took it, one call only', () => {
    const { events } = replay('asterisk20-attended-transfer.ami');
    const callId = '1764594000.80';
    expect(events).toEqual([
      { ...base, callId, kind: 'offered', at: ms(1764594000), direction: 'in', numberLast4: '4321', queue: null, agent: null },
      { ...base, callId, kind: 'ringing', at: ms(1764594000), agent: 'PJSIP/1001', queue: null },
      { ...base, callId, kind: 'answered', at: ms(1764594004), agent: 'PJSIP/1001', waitSec: null },
      { ...base, callId, kind: 'transferred', at: ms(1764594030), mode: 'attended', target: '1002' },
      { ...base, callId, kind: 'transferAnswered', at: ms(1764594038), target: '1002' },
      {
        ...base,
        callId,
        kind: 'ended',
        at: ms(1764594180),
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
      { ...base, callId, kind: 'offered', at: ms(1764595000), direction: 'in', numberLast4: '9999', queue: 'support', agent: null },
      { ...base, callId, kind: 'answered', at: ms(1764595008), agent: 'PJSIP/1001', waitSec: 8 },
      {
        ...base,
        callId,
        kind: 'ended',
        at: ms(1764595068),
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
  it('estimates the desk-minus-PBX offset from Timestamps and keeps the moments on the PBX clock', () => {
    const { events, normaliser } = replay('asterisk20-queue-answered.ami', { skewMs: 3000 });
    expect(normaliser.clockOffsetMs()).toBe(3040);
    expect(events[0]?.at).toBe(ms(1764590400.12));
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
