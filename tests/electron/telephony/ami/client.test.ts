import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { connectAmi, parseAmiUrl, type AmiConfig, type AmiConnection, type AmiStatus } from '../../../../electron/telephony/ami';
import type { CallEvent, QueueSnapshot } from '../../../../shared/telephony/callEvents';
import { startAmiServer, TEST_SECRET, type TestAmiServer } from '../../../helpers/amiServer';

const FIXTURES = path.join(__dirname, '../../../fixtures/ami');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Desk {
  events: CallEvent[];
  snapshots: QueueSnapshot[];
  statuses: AmiStatus[];
  connection: AmiConnection;
  connectedTimes: () => number;
}

async function server(options: Parameters<typeof startAmiServer>[0] = {}): Promise<TestAmiServer> {
  const started = await startAmiServer(options);
  cleanups.push(() => started.close());
  return started;
}

function desk(url: string, config: Partial<AmiConfig> = {}): Desk {
  const events: CallEvent[] = [];
  const snapshots: QueueSnapshot[] = [];
  const statuses: AmiStatus[] = [];
  const connection = connectAmi(
    { url, agent: 'PJSIP/1001', queues: ['support'], connectTimeoutMs: 1000, actionTimeoutMs: 1000, retryFirstMs: 50, retryMaxMs: 400, pollMs: 100, ...config },
    (event) => events.push(event),
    (snapshot) => snapshots.push(snapshot),
    (status) => statuses.push(status),
  );
  cleanups.push(() => connection.close());
  return { events, snapshots, statuses, connection, connectedTimes: () => statuses.filter((status) => status.state === 'connected').length };
}

/** The reconcile after a connect is done once QueueStatus has been asked that many times and the first poll followed it. */
function reconciled(pbx: TestAmiServer, times: number): () => boolean {
  return () => pbx.actions.filter((action) => action === 'QueueSummary').length >= times;
}

describe('AMI client against a test PBX', () => {
  it('logs in with Events: on, reconciles, and turns a replayed queue call into the call-event stream; the secret and numbers stay out of the log', async () => {
    const lines: string[] = [];
    for (const method of ['log', 'warn', 'error'] as const) {
      const spy = vi.spyOn(console, method).mockImplementation((line: unknown) => void lines.push(String(line)));
      cleanups.push(() => spy.mockRestore());
    }
    const pbx = await server();
    const one = desk(pbx.url());
    await waitFor('the first reconcile', reconciled(pbx, 1));
    expect(pbx.logins).toEqual([{ username: 'desk1001', accepted: true }]);
    expect(pbx.actions.slice(0, 4)).toEqual(['Login', 'CoreShowChannels', 'QueueStatus', 'QueueSummary']);
    expect(one.statuses.slice(0, 2)).toEqual([{ state: 'connecting', attempt: 1 }, { state: 'connected', version: '9.0.0' }]);

    pbx.replay(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    await waitFor('the call to end', () => one.events.some((event) => event.kind === 'ended'));
    expect(one.events.map((event) => event.kind)).toEqual(['offered', 'ringing', 'answered', 'ended']);
    expect(one.events[0]).toMatchObject({ source: { system: 'ami', pbx: `127.0.0.1:${pbx.port}` }, numberLast4: '8000', clock: 'pbx' });
    expect(one.connection.clockOffsetMs()).not.toBeNull();

    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(TEST_SECRET);
      // The port is the one run of five digits a line may hold; a caller's number never appears.
      expect(line.replaceAll(String(pbx.port), '')).not.toMatch(/\d{5,}/);
    }
  });

  it('reports the watched queues’ QueueSummary as snapshots for the live queue', async () => {
    const pbx = await server();
    pbx.state.summaries = [
      { Queue: 'support', LoggedIn: '3', Available: '1', Callers: '2', HoldTime: '10', TalkTime: '60', LongestHoldTime: '42' },
      { Queue: 'sales', LoggedIn: '2', Available: '2', Callers: '5', HoldTime: '3', TalkTime: '50', LongestHoldTime: '7' },
    ];
    const one = desk(pbx.url());
    await waitFor('a snapshot', () => one.snapshots.length > 0);
    expect(one.snapshots[0]).toMatchObject({ queue: 'support', waiting: 2, longestWaitSec: 42, available: 1 });
    expect(one.snapshots.every((snapshot) => snapshot.queue === 'support')).toBe(true);
  });

  it('a refused login says so clearly and is not retried', async () => {
    const pbx = await server();
    const one = desk(pbx.url('desk1001', 'wrong-secret'));
    await waitFor('the refusal', () => one.statuses.some((status) => status.state === 'refused'));
    const refusal = one.statuses.find((status) => status.state === 'refused');
    expect(refusal).toMatchObject({ reason: expect.stringMatching(/refused the manager login of user "desk1001" \(Authentication failed\)/) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pbx.logins).toEqual([{ username: 'desk1001', accepted: false }]);
    expect(pbx.connections()).toBe(1);
    expect(one.statuses.some((status) => status.state === 'retrying')).toBe(false);
  });

  it('a PBX restart mid-call: after reconnecting, the call that died is ended, a call up now is offered and answered, nothing doubles', async () => {
    const pbx = await server();
    const one = desk(pbx.url());
    await waitFor('the first reconcile', reconciled(pbx, 1));
    pbx.replay(path.join(FIXTURES, 'asterisk20-restart-midcall.ami'));
    await waitFor('the answer', () => one.events.some((event) => event.kind === 'answered'));

    // The PBX comes back with none of the old channels, and a new call already up on the agent's phone.
    pbx.state.channels = [
      { Channel: 'PJSIP/trunk-00000001', Uniqueid: '1764596100.2', Linkedid: '1764596100.2', CallerIDNum: '13344445555', ConnectedLineNum: '1001', ChannelState: '6', ChannelStateDesc: 'Up', Duration: '00:00:30', BridgeId: 'b-1', Application: 'Queue', ApplicationData: 'support' },
      { Channel: 'PJSIP/1001-00000002', Uniqueid: '1764596110.3', Linkedid: '1764596100.2', CallerIDNum: '1001', ConnectedLineNum: '13344445555', ChannelState: '6', ChannelStateDesc: 'Up', Duration: '00:00:20', BridgeId: 'b-1', Application: 'AppQueue', ApplicationData: '(Outgoing Line)' },
    ];
    pbx.drop();
    await waitFor('the reconnect and its reconcile', () => one.connectedTimes() === 2 && one.events.length >= 6);
    await new Promise((resolve) => setTimeout(resolve, 150));

    const kinds = one.events.map((event) => `${event.callId} ${event.kind}`);
    expect(kinds).toEqual([
      '1764596000.112 offered',
      '1764596000.112 ringing',
      '1764596000.112 answered',
      '1764596000.112 ended',
      '1764596100.2 offered',
      '1764596100.2 answered',
    ]);
    expect(one.events[3]).toMatchObject({ kind: 'ended', clock: 'arrival', unanswered: false, cause: 'normalClearing' });
    expect(one.events[4]).toMatchObject({ kind: 'offered', direction: 'in', numberLast4: '5555', clock: 'arrival' });
    expect(one.events[5]!.at - one.events[4]!.at).toBeGreaterThanOrEqual(30_000 - 50);
  });

  it('a network blip mid-call: the call still up is neither offered again nor ended, and ends later from its own events', async () => {
    const pbx = await server();
    const one = desk(pbx.url());
    await waitFor('the first reconcile', reconciled(pbx, 1));
    pbx.replay(path.join(FIXTURES, 'asterisk20-restart-midcall.ami'));
    await waitFor('the answer', () => one.events.some((event) => event.kind === 'answered'));
    pbx.state.channels = [
      { Channel: 'PJSIP/trunk-00000070', Uniqueid: '1764596000.112', Linkedid: '1764596000.112', CallerIDNum: '18611112222', ConnectedLineNum: '1001', ChannelState: '6', Duration: '00:01:00', BridgeId: 'b-7' },
      { Channel: 'PJSIP/1001-00000071', Uniqueid: '1764596002.113', Linkedid: '1764596000.112', CallerIDNum: '1001', ConnectedLineNum: '18611112222', ChannelState: '6', Duration: '00:00:58', BridgeId: 'b-7' },
    ];
    const summariesBefore = pbx.actions.filter((action) => action === 'QueueSummary').length;
    pbx.drop();
    await waitFor('the reconnect and its reconcile', () => one.connectedTimes() === 2 && reconciled(pbx, summariesBefore + 1)());
    expect(one.events.map((event) => event.kind)).toEqual(['offered', 'ringing', 'answered']);

    pbx.send({
      Event: 'AgentComplete',
      Timestamp: '1764596069.000000',
      Channel: 'PJSIP/trunk-00000070',
      Uniqueid: '1764596000.112',
      Linkedid: '1764596000.112',
      CallerIDNum: '18611112222',
      DestChannel: 'PJSIP/1001-00000071',
      Queue: 'support',
      Interface: 'PJSIP/1001',
      MemberName: 'Li Na',
      HoldTime: '9',
      TalkTime: '60',
      Reason: 'agent',
    });
    await waitFor('the end', () => one.events.length === 4);
    expect(one.events[3]).toMatchObject({ kind: 'ended', clock: 'pbx', talkSec: 60, waitSec: 9, hungUpBy: 'agent' });
  });

  it('a manager user that may not list channels stays connected and follows events, unreconciled', async () => {
    const pbx = await server({ forbidden: ['CoreShowChannels'] });
    const one = desk(pbx.url());
    await waitFor('the first poll', reconciled(pbx, 1));
    pbx.replay(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    await waitFor('the call to end', () => one.events.some((event) => event.kind === 'ended'));
    expect(one.connectedTimes()).toBe(1);
    expect(one.statuses.some((status) => status.state === 'retrying')).toBe(false);
  });

  it('while a call is open, a periodic reconcile ends it when its end never reached the desk (an event filter kept it out)', async () => {
    const pbx = await server();
    const one = desk(pbx.url(), { pollMs: 30 });
    await waitFor('the first reconcile', reconciled(pbx, 1));
    pbx.replay(path.join(FIXTURES, 'asterisk20-restart-midcall.ami'));
    await waitFor('the answer', () => one.events.some((event) => event.kind === 'answered'));
    const listsBefore = pbx.actions.filter((action) => action === 'CoreShowChannels').length;
    await waitFor('the end', () => one.events.length === 4);
    expect(pbx.actions.filter((action) => action === 'CoreShowChannels').length).toBeGreaterThan(listsBefore);
    expect(one.events.map((event) => event.kind)).toEqual(['offered', 'ringing', 'answered', 'ended']);
    expect(one.events[3]).toMatchObject({ clock: 'arrival', unanswered: false });
    expect(one.connectedTimes()).toBe(1);
  });

  it('a PBX that accepts but never greets times out, and the desk retries with a doubling back-off under its cap', async () => {
    const pbx = await server({ mute: true });
    const one = desk(pbx.url(), { connectTimeoutMs: 100, retryFirstMs: 50, retryMaxMs: 200 });
    await waitFor('four retries', () => one.statuses.filter((status) => status.state === 'retrying').length >= 4);
    const waits = one.statuses.flatMap((status) => (status.state === 'retrying' ? [status.retryInMs] : []));
    expect(one.statuses.find((status) => status.state === 'retrying')).toMatchObject({ reason: expect.stringMatching(/no AMI banner .* within 100 ms/) });
    expect(waits.every((wait) => wait <= 200)).toBe(true);
    expect(waits[2]).toBeGreaterThan(waits[0]!);
    expect(pbx.connections()).toBeGreaterThanOrEqual(4);
  });

  it('an action the PBX never answers times out and the desk reconnects', async () => {
    const pbx = await server();
    pbx.silent = true;
    const one = desk(pbx.url(), { actionTimeoutMs: 150 });
    await waitFor('a retry', () => one.statuses.some((status) => status.state === 'retrying'));
    expect(one.statuses.find((status) => status.state === 'retrying')).toMatchObject({ reason: 'no answer to CoreShowChannels within 150 ms' });
    pbx.silent = false;
    await waitFor('the reconnect', () => one.connectedTimes() >= 2 && reconciled(pbx, 1)());
  });

  it('closing stops the desk: it logs off and does not come back', async () => {
    const pbx = await server();
    const one = desk(pbx.url());
    await waitFor('the first reconcile', reconciled(pbx, 1));
    await one.connection.close();
    await waitFor('the log-off', () => pbx.actions.includes('Logoff'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pbx.connections()).toBe(1);
    expect(one.statuses.at(-1)).toEqual({ state: 'closed' });
  });
});

describe('AMI over TLS (amis://)', () => {
  let dir = '';
  let key = '';
  let cert = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ami-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects over TLS with the PBX’s certificate as CA, and refuses an unknown certificate', async () => {
    const pbx = await server({ tls: { key, cert } });
    expect(pbx.url()).toMatch(/^amis:\/\//);
    const trusting = desk(pbx.url(), { tls: { ca: cert } });
    await waitFor('the TLS login', reconciled(pbx, 1));
    expect(trusting.connectedTimes()).toBe(1);
    await trusting.connection.close();

    const wary = desk(pbx.url());
    await waitFor('a refusal of the certificate', () => wary.statuses.some((status) => status.state === 'retrying'));
    expect(wary.connectedTimes()).toBe(0);
  });
});

describe('AMI addresses', () => {
  it('reads ami:// and amis:// with their default ports and percent-encoded credentials', () => {
    expect(parseAmiUrl('ami://desk%201001:p%40ss@pbx.example:5038')).toEqual({
      tls: false, host: 'pbx.example', port: 5038, username: 'desk 1001', secret: 'p@ss', pbx: 'pbx.example:5038',
    });
    expect(parseAmiUrl('amis://u:s@pbx.example')).toMatchObject({ tls: true, port: 5039, pbx: 'pbx.example:5039' });
  });

  it('refuses other schemes and a missing user, without echoing the secret', () => {
    expect(() => parseAmiUrl('http://u:s@pbx:5038')).toThrow(/ami:\/\/ or amis:\/\//);
    expect(() => parseAmiUrl('ami://pbx:5038')).toThrow(/no manager user/);
    expect(() => parseAmiUrl('not a url with secret hunter2')).toThrow(/not a URL/);
    try {
      parseAmiUrl('not a url with secret hunter2');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});
