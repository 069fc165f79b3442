import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCtiEndpoint } from '../../../electron/telephony/cti/endpoint';
import { openDeskCtiEndpoint } from '../../../electron/startup/ctiEndpoint';
import { BODIES, send, type Fields } from '../telephony/cti/push';
import { tempDir } from '../../helpers/tempStore';
import { leaksIn } from './scan';

/**
 * Issue 15: "A full number in every field. The privacy scan extends to
 * telephony, logs included." The full number, in each way the privacy scan
 * types it, goes into every field of every Zammad-format push, in every body
 * the endpoint takes, and into the fields that make a push refused. What comes
 * out — the events handed to the desk, every reply, every log line (a handler
 * that throws with the number in its message included), the settings file —
 * is scanned for more than the last four digits.
 */
const VARIANTS = ['13800138000', '+86 138-0013-8000', '１３８００１３８０００', '＋８６　１３８－００１３－８０００', '008613800138000'];

let logLines: string[];
beforeEach(() => {
  logLines = [];
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logLines.push(args.map(String).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

const tmp = tempDir();
afterEach(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

describe.each(VARIANTS)('the number typed as %s', (number) => {
  it('never leaves the CTI endpoint: not in an event, a reply, a log line or the settings file', async () => {
    fs.mkdirSync(tmp.dir, { recursive: true });
    const db = path.join(tmp.dir, 'hotline.db');
    const events: unknown[] = [];
    let throwOnce = true;
    const endpoint = await openDeskCtiEndpoint(db, (event) => {
      events.push(event);
      // A desk's handler that fails with the number in its message: the endpoint logs the failure, never the message.
      if (throwOnce) {
        throwOnce = false;
        throw new Error(`could not open a record for ${number}`);
      }
    });
    expect(endpoint).not.toBeNull();
    const token = JSON.parse(fs.readFileSync(`${db}.settings.json`, 'utf8')).ctiToken as string;
    const replies: string[] = [];
    const push = async (kind: keyof typeof BODIES, fields: Fields) => {
      const { body, headers } = BODIES[kind](fields);
      const sent = await send(endpoint!, `/cti/${token}`, body, headers);
      replies.push(`${sent.status} ${sent.body}`);
      return sent.status;
    };

    const everywhere = { from: number, to: number, callId: number, queue: number, answeringNumber: number };
    const statuses: number[] = [];
    for (const kind of ['json', 'form', 'multipart'] as const) {
      for (const direction of ['in', 'out']) {
        statuses.push(await push(kind, { event: 'newCall', direction, ...everywhere, user: number }));
        statuses.push(await push(kind, { event: 'newCall', direction, ...everywhere, user: [number, `Agent ${number}`] }));
        statuses.push(await push(kind, { event: 'answer', direction, ...everywhere, user: number }));
        statuses.push(await push(kind, { event: 'hangup', direction, ...everywhere, user: [number], cause: 'cancel' }));
        // Refused pushes: the number where only a fixed word belongs, and a callId that is far too long.
        for (const wrong of [{ event: number }, { direction: number }, { cause: number, event: 'hangup' }, { callId: number.repeat(40) }, { queue: number.repeat(40) }] as Fields[]) {
          statuses.push(await push(kind, { event: 'newCall', direction, ...everywhere, user: number, ...wrong }));
        }
      }
    }
    const broken = await send(endpoint!, `/cti/${token}`, `{"event":"newCall","from":"${number}"`, { 'content-type': 'application/json' });
    replies.push(`${broken.status} ${broken.body}`);
    const wrongToken = await send(endpoint!, `/cti/${encodeURIComponent(number)}`, '{}', { 'content-type': 'application/json' });
    replies.push(`${wrongToken.status} ${wrongToken.body}`);
    await endpoint!.close();

    // Every kind of answer was met: taken, refused, and the handler's failure.
    expect(statuses).toContain(200);
    expect(statuses).toContain(400);
    expect(statuses).toContain(500);
    expect(events.length).toBeGreaterThan(10);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'offered', numberLast4: '8000' }));
    expect(logLines.some((l) => l.includes('a push failed'))).toBe(true);

    const outputs = [
      ['events', JSON.stringify(events)],
      ['replies', replies.join('\n')],
      ['log', logLines.join('\n')],
      ['settings', fs.readFileSync(`${db}.settings.json`, 'utf8')],
    ] as const;
    expect(outputs.flatMap(([name, text]) => leaksIn(text, name))).toEqual([]);
  });
});

it('a bare endpoint (no desk settings) logs nothing of a push at all', async () => {
  const endpoint = await startCtiEndpoint({ port: 0, token: 'bare-token-0123456789', onEvent: () => undefined });
  const { body, headers } = BODIES.json({ event: 'newCall', direction: 'in', from: '13800138000', callId: 'b1' });
  expect((await send(endpoint, '/cti/bare-token-0123456789', body, headers)).status).toBe(200);
  await endpoint.close();
  expect(logLines).toEqual([]);
});
