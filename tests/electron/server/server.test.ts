import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
let server: RunningServer;
const statics = tempDir();

/** A raw request, so that Host and Origin can be forged as an attacker's page or a rebinding DNS would. */
function request(
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const host = () => `127.0.0.1:${server.port}`;
const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { host: host(), 'content-type': 'application/json', 'x-hotline-token': server.token, ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  fs.writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>desk</title>');
  desk = await openTestDesk();
  server = await startServer({ ctx: desk.ctx, staticDir: statics.dir });
});
afterAll(async () => {
  await server.close();
  await desk.close();
  statics.remove();
});

describe('browser mode', () => {
  it('listens on loopback only and prints a URL that carries the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=${server.token}`));
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the same strict CSP as the desktop window', async () => {
    const res = await request({ path: '/', headers: { host: host() } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>desk</title>');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers the contract with the same envelope as IPC', async () => {
    const res = await api('getDesk', {});
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { code: 'A03', agentName: '李娜', timeZone: 'Asia/Shanghai' } });
    const started = JSON.parse((await api('startCall', {})).body);
    expect(started.value.recordNo).toBe('CS20240520001');
    const invalid = JSON.parse((await api('updateCall', { id: started.value.id, patch: { evil: 1 } })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it.each([
    ['no token', { 'x-hotline-token': '' }, 401],
    ['a wrong token', { 'x-hotline-token': 'x'.repeat(32) }, 401],
    ['a rebinding Host', { host: 'evil.example:80' }, 403],
    ['a Host on another port', { host: '127.0.0.1:1' }, 403],
    ['a cross-site Origin', { origin: 'http://evil.example' }, 403],
    ['an https Origin', { origin: 'https://127.0.0.1' }, 403],
    ['a null Origin', { origin: 'null' }, 403],
  ])('refuses a request with %s, and nothing is read or written', async (_what, headers, status) => {
    const before = desk.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get();
    const res = await api('startCall', {}, headers);
    expect(res.status).toBe(status);
    expect(res.body).not.toContain('recordNo');
    expect(desk.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(before);
  });

  it('accepts its own Origin (localhost too)', async () => {
    expect((await api('getDesk', {}, { origin: `http://${host()}` })).status).toBe(200);
    expect((await api('getDesk', {}, { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a token sent without the custom header, a GET on the API, non-JSON and oversized bodies', async () => {
    expect((await request({ path: `/api/getDesk?token=${server.token}`, headers: { host: host() } })).status).toBe(405);
    expect((await api('getDesk', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const huge = await request({
      method: 'POST',
      path: '/api/addStep',
      headers: { host: host(), 'content-type': 'application/json', 'x-hotline-token': server.token },
      body: JSON.stringify({ id: 1, text: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });

  it('never serves a file outside the renderer folder', async () => {
    const res = await request({ path: '/..%2f..%2fetc%2fpasswd', headers: { host: host() } });
    expect(res.status).toBe(404);
  });
});
