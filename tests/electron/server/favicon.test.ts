import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../../electron/server/static';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/** Browser mode's tab icon: the built renderer (node scripts/build.mjs) served as a browser asks for it. */
const built = path.resolve('dist/renderer');
let desk: TestDesk;
let server: RunningServer;

function get(urlPath: string, hostHeader?: string): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: urlPath, headers: { host: hostHeader ?? `127.0.0.1:${server.port}` }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  expect(fs.existsSync(path.join(built, 'index.html')), 'run node scripts/build.mjs first').toBe(true);
  desk = await openTestDesk();
  server = await startServer({ ctx: desk.ctx, staticDir: built });
});
afterAll(async () => {
  await server.close();
  await desk.close();
});

describe('browser mode’s favicon', () => {
  it('is the app icon, as an .ico and a PNG of the right type, without the API token', async () => {
    const ico = await get('/favicon.ico');
    expect(ico).toMatchObject({ status: 200, type: 'image/x-icon' });
    expect(ico.body.equals(fs.readFileSync('resources/web/favicon.ico'))).toBe(true);
    const png = await get('/icon.png');
    expect(png).toMatchObject({ status: 200, type: 'image/png' });
    expect(png.body.equals(fs.readFileSync('resources/icons/512x512.png'))).toBe(true);
  });

  it('is what the page links to, from its own origin, which the CSP allows', async () => {
    const html = (await get('/')).body.toString('utf8');
    const links = [...html.matchAll(/<link rel="icon"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['./favicon.ico', './icon.png']);
    expect(CSP).toMatch(/img-src 'self'/);
  });

  it('is still behind the Host check that keeps other sites out', async () => {
    expect((await get('/favicon.ico', 'evil.example:80')).status).toBe(403);
  });
});
