import { afterEach, describe, expect, it } from 'vitest';
import { ZAMMAD_CAUSES } from '../../../../electron/telephony/cti/zammadFormat';
import type { RunningCtiEndpoint } from '../../../../electron/telephony/cti/endpoint';
import type { CallEvent, CallSource } from '../../../../shared/telephony/callEvents';
import { BODIES, endpointForTest, send, type Fields } from './push';

/**
 * Issue 15: "Every event and every cause, in JSON and form-encoded bodies."
 * Each push goes over loopback to a real endpoint, as a PBX sends it, and the
 * CallEvent it hands on is compared in full.
 */
const T0 = 1_716_000_000_000;
let clock = T0;
let running: RunningCtiEndpoint | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function desk() {
  clock = T0;
  const made = await endpointForTest({ now: () => clock, name: 'office-pbx' });
  running = made.endpoint;
  const push = async (kind: keyof typeof BODIES, fields: Fields) => {
    const { body, headers } = BODIES[kind](fields);
    return send(made.endpoint, `/api/v1/cti/${made.token}`, body, headers);
  };
  return { ...made, push };
}

const source: CallSource = { system: 'cti', pbx: 'office-pbx' };

describe.each(['json', 'form', 'multipart'] as const)('a %s push', (kind) => {
  it('newCall inbound: the caller’s last four digits, the queue, the users it rings, at arrival', async () => {
    const { push, events } = await desk();
    const sent = await push(kind, { event: 'newCall', from: '493055571600', to: '492214710334', direction: 'in', callId: 'c-in', user: ['Alice Wu', 'Bob Li'], queue: 'support' });
    expect(sent).toEqual({ status: 200, body: '{}' });
    expect(events).toEqual<CallEvent[]>([
      { source, callId: 'c-in', at: T0, clock: 'arrival', kind: 'offered', direction: 'in', numberLast4: '1600', queue: 'support', agent: 'Alice Wu, Bob Li' },
    ]);
  });

  it('newCall outbound: the dialled number’s last four digits and the one user dialling; anonymous keeps none', async () => {
    const { push, events } = await desk();
    await push(kind, { event: 'newCall', from: '493023125741', to: '492214710334', direction: 'out', callId: 'c-out', user: 'Christopher Miller' });
    await push(kind, { event: 'newCall', from: 'anonymous', to: '492214710334', direction: 'in', callId: 'c-anon' });
    expect(events).toMatchObject([
      { kind: 'offered', direction: 'out', numberLast4: '0334', agent: 'Christopher Miller', queue: null },
      { kind: 'offered', direction: 'in', numberLast4: null, agent: null },
    ]);
  });

  it('answer: answeringNumber names the agent, with the caller’s wait; hangup then says normalClearing, answered, with talk time', async () => {
    const { push, events } = await desk();
    await push(kind, { event: 'newCall', from: '493055571600', to: '4922', direction: 'in', callId: 'c1', user: ['Emma Taylor', 'Bob Li'], queue: 'support' });
    clock = T0 + 12_000;
    await push(kind, { event: 'answer', from: '493055571600', to: '4922', direction: 'in', callId: 'c1', user: 'Emma Taylor', answeringNumber: 'emma@example.com' });
    clock = T0 + 72_000;
    await push(kind, { event: 'hangup', from: '493055571600', to: '4922', direction: 'in', callId: 'c1', cause: 'normalClearing' });
    expect(events.slice(1)).toEqual<CallEvent[]>([
      { source, callId: 'c1', at: T0 + 12_000, clock: 'arrival', kind: 'answered', agent: 'emma@example.com', waitSec: 12 },
      {
        source,
        callId: 'c1',
        at: T0 + 72_000,
        clock: 'arrival',
        kind: 'ended',
        cause: 'normalClearing',
        unanswered: false,
        queue: 'support',
        agent: 'emma@example.com',
        waitSec: 12,
        talkSec: 60,
        hungUpBy: null,
      },
    ]);
  });

  it('answer without answeringNumber: the one user named; none named: the user the newCall rang', async () => {
    const { push, events } = await desk();
    await push(kind, { event: 'answer', direction: 'in', callId: 'a1', user: 'Emma Taylor' });
    await push(kind, { event: 'newCall', from: '493055571600', direction: 'in', callId: 'a2', user: 'Bob Li' });
    await push(kind, { event: 'answer', direction: 'in', callId: 'a2' });
    expect(events.filter((e) => e.kind === 'answered')).toMatchObject([
      { callId: 'a1', agent: 'Emma Taylor', waitSec: null },
      { callId: 'a2', agent: 'Bob Li', waitSec: 0 },
    ]);
  });

  it.each(ZAMMAD_CAUSES)('hangup with cause %s before any answer: ended, unanswered unless normalClearing, with the wait', async (cause) => {
    const { push, events } = await desk();
    await push(kind, { event: 'newCall', from: '493055571600', direction: 'in', callId: `u-${cause}`, queue: 'sales' });
    clock = T0 + 8_000;
    const sent = await push(kind, { event: 'hangup', from: '493055571600', direction: 'in', callId: `u-${cause}`, cause });
    expect(sent.status).toBe(200);
    expect(events[1]).toEqual<CallEvent>({
      source,
      callId: `u-${cause}`,
      at: T0 + 8_000,
      clock: 'arrival',
      kind: 'ended',
      cause,
      // normalClearing is "hung up after the call was established": a bridge that sends no answer events is not a missed call.
      unanswered: cause !== 'normalClearing',
      queue: 'sales',
      agent: null,
      waitSec: 8,
      talkSec: null,
      hungUpBy: null,
    });
  });

  it.each(ZAMMAD_CAUSES)('hangup with cause %s after an answer: ended, answered', async (cause) => {
    const { push, events } = await desk();
    await push(kind, { event: 'newCall', from: '493055571600', direction: 'in', callId: `a-${cause}` });
    await push(kind, { event: 'answer', direction: 'in', callId: `a-${cause}`, answeringNumber: '42' });
    await push(kind, { event: 'hangup', direction: 'in', callId: `a-${cause}`, cause });
    expect(events[2]).toMatchObject({ kind: 'ended', cause, unanswered: false, agent: '42', talkSec: 0 });
  });

  it('hangup without a cause: cancel when never answered, normalClearing when answered; a duplicated hangup says the same', async () => {
    const { push, events } = await desk();
    await push(kind, { event: 'newCall', from: '493055571600', direction: 'in', callId: 'n1' });
    await push(kind, { event: 'hangup', direction: 'in', callId: 'n1' });
    await push(kind, { event: 'hangup', direction: 'in', callId: 'n1' });
    await push(kind, { event: 'newCall', from: '493055571600', direction: 'in', callId: 'n2' });
    await push(kind, { event: 'answer', direction: 'in', callId: 'n2', user: 'Emma Taylor' });
    await push(kind, { event: 'hangup', direction: 'in', callId: 'n2' });
    expect(events.filter((e) => e.kind === 'ended')).toMatchObject([
      { callId: 'n1', cause: 'cancel', unanswered: true },
      { callId: 'n1', cause: 'cancel', unanswered: true },
      { callId: 'n2', cause: 'normalClearing', unanswered: false, agent: 'Emma Taylor' },
    ]);
  });

  it.each<[string, Fields, RegExp]>([
    ['an unknown event', { event: 'ringing', direction: 'in', callId: 'x' }, /event must be one of newCall, answer, hangup/],
    ['no callId', { event: 'newCall', direction: 'in', from: '4930' }, /callId is missing/],
    ['a callId over 250 characters', { event: 'answer', callId: 'c'.repeat(251) }, /callId is missing, empty or longer than 250/],
    ['a newCall without direction', { event: 'newCall', callId: 'x', from: '4930' }, /direction must be in or out/],
    ['a direction that is neither in nor out', { event: 'answer', callId: 'x', direction: 'sideways' }, /direction must be in or out/],
    ['an unknown cause', { event: 'hangup', callId: 'x', cause: 'exploded' }, /cause must be one of normalClearing, busy, cancel, noAnswer, congestion, notFound, forwarded/],
    ['too many users', { event: 'newCall', callId: 'x', direction: 'in', user: Array.from({ length: 51 }, (_, i) => `u${i}`) }, /user must be a name/],
  ])('refuses %s with a 400 and one line saying why, and hands nothing on', async (_, fields, reason) => {
    const { push, events } = await desk();
    const sent = await push(kind, fields);
    expect(sent.status).toBe(400);
    expect(sent.body).toMatch(reason);
    expect(sent.body.split('\n')).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

describe('bodies', () => {
  it('takes JSON numbers for numbers and ids, and user[] as a JSON key too', async () => {
    const { endpoint, token, events } = await desk();
    const body = JSON.stringify({ event: 'newCall', from: 493055571600, direction: 'in', callId: 42, 'user[]': ['Alice Wu'] });
    expect((await send(endpoint, `/cti/${token}`, body, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect(events).toMatchObject([{ kind: 'offered', callId: '42', numberLast4: '1600', agent: 'Alice Wu' }]);
  });

  it.each<[string, string, Record<string, string>, number, RegExp]>([
    ['not JSON', '{"event": "newCall",', { 'content-type': 'application/json' }, 400, /^Refused: the body is not valid JSON\.$/],
    ['a JSON array', '[]', { 'content-type': 'application/json' }, 400, /the body must be a JSON object/],
    ['plain text', 'event=newCall', { 'content-type': 'text/plain' }, 415, /JSON or form-encoded/],
    ['a body over 64 KiB', JSON.stringify({ event: 'newCall', callId: 'x', direction: 'in', queue: 'q'.repeat(70_000) }), { 'content-type': 'application/json' }, 413, /too large/],
  ])('refuses %s', async (_, body, headers, status, reason) => {
    const { endpoint, token, events } = await desk();
    const sent = await send(endpoint, `/cti/${token}`, body, headers);
    expect(sent.status).toBe(status);
    expect(sent.body).toMatch(reason);
    expect(events).toEqual([]);
  });
});
