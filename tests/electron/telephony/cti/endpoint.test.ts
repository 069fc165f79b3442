import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningCtiEndpoint } from '../../../../electron/telephony/cti/endpoint';
import { sourceCheckFor } from '../../../../electron/telephony/cti/sourceAddresses';
import { asJson, endpointForTest, send } from './push';

/** Issue 15: "A wrong token, a foreign Origin, and a source address not on the list"; "a flood of 10,000 events … on loopback only". */
const opened: RunningCtiEndpoint[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.close();
});

async function desk(options: Parameters<typeof endpointForTest>[0] = {}) {
  const made = await endpointForTest(options);
  opened.push(made.endpoint);
  return made;
}

const newCall = asJson({ event: 'newCall', from: '493055571600', direction: 'in', callId: 'g1' });

describe('the endpoint’s guards', () => {
  it('listens on loopback by default and takes a push on both path shapes', async () => {
    const { endpoint, token, events } = await desk();
    expect(endpoint.host).toBe('127.0.0.1');
    expect((await send(endpoint, `/cti/${token}`, newCall.body, newCall.headers)).status).toBe(200);
    expect((await send(endpoint, `/api/v1/cti/${token}`, newCall.body, newCall.headers)).status).toBe(200);
    expect(events).toHaveLength(2);
  });

  it('answers a wrong or missing token with 404, as for a path that does not exist, and hands nothing on', async () => {
    const { endpoint, token, events } = await desk();
    for (const path of [`/cti/${token}x`, `/cti/${token.slice(0, -1)}`, '/cti/', '/api/v1/cti/wrong', `/other/${token}`, '/cti/%E0%A4%A']) {
      const sent = await send(endpoint, path, newCall.body, newCall.headers);
      expect(sent, path).toEqual({ status: 404, body: 'Refused: not found.' });
      expect(sent.body).not.toContain(token);
    }
    expect(events).toEqual([]);
  });

  it('refuses a web page’s request (a foreign Origin) and a DNS-rebinding Host with 403; our own origin and none pass', async () => {
    const { endpoint, token, events } = await desk();
    const path = `/cti/${token}`;
    expect((await send(endpoint, path, newCall.body, { ...newCall.headers, origin: 'https://evil.example' })).status).toBe(403);
    expect((await send(endpoint, path, newCall.body, { ...newCall.headers, origin: 'null' })).status).toBe(403);
    expect((await send(endpoint, path, newCall.body, { ...newCall.headers, host: `evil.example:${endpoint.port}` })).status).toBe(403);
    expect(events).toEqual([]);
    expect((await send(endpoint, path, newCall.body, { ...newCall.headers, origin: `http://127.0.0.1:${endpoint.port}` })).status).toBe(200);
    expect((await send(endpoint, path, newCall.body, { ...newCall.headers, host: `localhost:${endpoint.port}` })).status).toBe(200);
    expect(events).toHaveLength(2);
  });

  it('takes POST only', async () => {
    const { endpoint, token } = await desk();
    expect((await send(endpoint, `/cti/${token}`, '', {}, { method: 'GET' })).status).toBe(405);
  });

  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it.skipIf(lan === undefined)('bound to this computer’s LAN address, refuses a source not on the list with 403 and takes one on it', async () => {
    const host = lan!;
    // This computer reaching its own LAN address comes from that address: first not on the list, then on it.
    const elsewhere = await desk({ host, allowFrom: ['198.51.100.7', '203.0.113.0/24'] });
    const refused = await send(elsewhere.endpoint, `/cti/${elsewhere.token}`, newCall.body, newCall.headers, { localAddress: host });
    expect(refused).toEqual({ status: 403, body: 'Refused: this source address may not push calls.' });
    expect(elsewhere.events).toEqual([]);

    const listed = await desk({ host, allowFrom: [`${host.split('.').slice(0, 3).join('.')}.0/24`] });
    // A PBX names the desk by whatever name it was given: off loopback, the Host is not checked.
    const taken = await send(listed.endpoint, `/cti/${listed.token}`, newCall.body, { ...newCall.headers, host: `desk-12.lan:${listed.endpoint.port}` }, { localAddress: host });
    expect(taken.status).toBe(200);
    expect(listed.events).toHaveLength(1);
  });

  it('the allow-list: loopback binds take loopback only; LAN binds take exactly the listed addresses and networks, IPv4-mapped too', () => {
    const loop = sourceCheckFor('127.0.0.1', ['192.168.1.20']);
    expect([loop.allows('127.0.0.1'), loop.allows('::1'), loop.allows('::ffff:127.0.0.1'), loop.allows('192.168.1.20'), loop.allows(undefined)]).toEqual([true, true, true, false, false]);
    const bound = sourceCheckFor('192.168.1.5', ['192.168.1.20', '10.0.0.0/8', 'fd00::5']);
    expect(['192.168.1.20', '::ffff:192.168.1.20', '10.200.3.4', 'fd00::5'].map((a) => bound.allows(a))).toEqual([true, true, true, true]);
    expect(['192.168.1.21', '127.0.0.1', '11.0.0.1', 'fd00::6', 'not-an-address', undefined].map((a) => bound.allows(a))).toEqual([false, false, false, false, false, false]);
    expect(sourceCheckFor('192.168.1.5', []).allows('192.168.1.20')).toBe(false);
    expect(() => sourceCheckFor('192.168.1.5', ['pbx.local'])).toThrow(/not an address or network/);
  });
});

describe('a flood', () => {
  it('handles all of 10,000 pushes on loopback, and the memory of calls stays bounded', async () => {
    const { endpoint, token, events } = await desk({ memoryLimit: 500 });
    const calls = 3_334;
    const pushes = Array.from({ length: 10_000 }, (_, i) => {
      const call = i % calls;
      const event = ['newCall', 'answer', 'hangup'][Math.floor(i / calls)] ?? 'hangup';
      return asJson({ event, from: '493055571600', direction: 'in', callId: `flood-${call}` });
    });
    // Sixteen PBX connections at a time, each waiting for its answer, as a busy bridge would.
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < pushes.length) {
          const push = pushes[next++]!;
          statuses.push((await send(endpoint, `/cti/${token}`, push.body, push.headers)).status);
        }
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(10_000);
    expect(events).toHaveLength(10_000);
    expect(endpoint.trackedCalls()).toBeLessThanOrEqual(500);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['offered', 'answered', 'ended']));
  });
});
