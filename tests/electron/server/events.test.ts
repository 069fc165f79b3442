import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/records/eventHub';
import { startServer, type RunningServer } from '../../../electron/server/server';
import type { EventMessage } from '../../../shared/api/events';
import type { ExportJob } from '../../../shared/api/archive';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
let server: RunningServer;
const hub = new EventHub();
const statics = tempDir();

const job = (done: number, state: ExportJob['state'] = 'running'): ExportJob => ({
  job: 'j1',
  state,
  done,
  total: 10,
  rows: 0,
  steps: 0,
  fileName: 'hotline-2024-05-20.xlsx',
  savedTo: null,
  download: true,
});

/** Opens GET /events as the page would (or without its token), and collects the stream's lines. */
function openStream(headers: Record<string, string>): Promise<{ status: number; lines: string[]; close: () => void; response: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/events', headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const lines: string[] = [];
      let pending = '';
      res.on('data', (c: Buffer) => {
        pending += c.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts);
      });
      res.on('error', () => undefined);
      resolve({ status: res.statusCode ?? 0, lines, close: () => req.destroy(), response: res });
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

beforeAll(async () => {
  fs.writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>desk</title>');
  desk = await openTestDesk();
  server = await startServer({ ctx: desk.ctx, staticDir: statics.dir, events: hub });
});
afterAll(async () => {
  await server.close();
  await desk.close();
  statics.remove();
});

describe('GET /events', () => {
  it('streams the signed-in profile’s events as JSON lines to a page with the token, and nobody else’s', async () => {
    const me = desk.ctx.session.userId!;
    expect(me).not.toBeNull();
    const stream = await openStream({ 'x-hotline-token': server.token });
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    await until(() => hub.listenerCount === 1);
    hub.emit('exportProgress', job(3), me + 100); // another profile's export
    hub.emit('exportProgress', job(4), me);
    hub.emit('exportFinished', job(10, 'done'), me);
    await until(() => stream.lines.filter(Boolean).length >= 2);
    const messages = stream.lines.filter(Boolean).map((l) => JSON.parse(l) as EventMessage);
    expect(messages).toEqual([
      { name: 'exportProgress', payload: job(4) },
      { name: 'exportFinished', payload: job(10, 'done') },
    ]);
    // A page that goes away stops listening: nothing is written to a closed socket.
    stream.close();
    await until(() => hub.listenerCount === 0);
    expect(hub.listenerCount).toBe(0);
  });

  it('refuses a page without the token, or with a wrong one, as every records route does', async () => {
    const without = await openStream({});
    expect(without.status).toBe(401);
    const wrong = await openStream({ 'x-hotline-token': 'x'.repeat(server.token.length) });
    expect(wrong.status).toBe(401);
    // The token in the address is not taken either: it never belongs in a URL.
    const inUrl = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: `/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(inUrl).toBe(401);
    expect(hub.listenerCount).toBe(0);
  });

  it('refuses a cross-origin page even with the token', async () => {
    const cross = await openStream({ 'x-hotline-token': server.token, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });
});
