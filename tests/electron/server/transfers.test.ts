import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/api/archive';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { tempDir } from '../../helpers/tempStore';
import { deskWithRecords, RANGE } from '../archive/fixtures';
import type { TestDesk } from '../../helpers/tempStore';

/**
 * Browser mode's files: an export is downloaded once through a token-checked
 * route and then deleted; an import is uploaded through one and deleted once
 * read. Nothing is left in the temporary folder when the server stops.
 */

let desk: TestDesk;
let server: RunningServer;
const statics = tempDir();

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${server.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}
const token = () => ({ 'x-hotline-token': server.token });
async function api<T>(method: string, body: unknown): Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }> {
  const res = await request({ method: 'POST', path: `/api/${method}`, headers: { ...token(), 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
  return JSON.parse(res.body.toString('utf8'));
}
const upload = (name: string, body: Buffer, headers = token()) =>
  request({ method: 'POST', path: `/upload?name=${encodeURIComponent(name)}`, headers: { ...headers, 'content-type': 'application/octet-stream' }, body });

async function exported(format: 'xlsx' | 'csv'): Promise<ExportJob> {
  let job = (await api<ExportJob>('startExport', { ...RANGE, format })).value;
  while (job.state === 'running') job = (await api<ExportJob>('exportStatus', { job: job.job })).value;
  return job;
}

/** Every file in the server's private folder. */
function leftovers(): string[] {
  if (!fs.existsSync(server.filesDir)) return [];
  return fs.readdirSync(server.filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

beforeAll(async () => {
  fs.writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>desk</title>');
  desk = await deskWithRecords();
  server = await startServer({ ctx: desk.ctx, staticDir: statics.dir });
});
afterAll(async () => {
  await desk.close();
  statics.remove();
});

describe('browser mode downloads an export once', () => {
  it('sends the finished file under its name with the token, then deletes it', async () => {
    expect(fs.statSync(server.filesDir).mode & 0o777).toBe(0o700);
    const job = await exported('csv');
    expect(job).toMatchObject({ state: 'done', rows: 4, download: true, savedTo: null, fileName: 'hotline-2024-05-20_2024-05-21.csv' });
    expect(await request({ path: `/download/${job.job}` })).toMatchObject({ status: 401 });
    expect(await request({ path: `/download/${job.job}`, headers: { ...token(), origin: 'http://evil.example' } })).toMatchObject({ status: 403 });
    const res = await request({ path: `/download/${job.job}`, headers: token() });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8\'\'hotline-2024-05-20_2024-05-21.csv');
    expect(res.body.toString('utf8').startsWith('\uFEFF记录编号')).toBe(true);
    expect((await request({ path: `/download/${job.job}`, headers: token() })).status).toBe(404);
    expect(leftovers()).toEqual([]);
  });
});

describe('browser mode imports an uploaded file', () => {
  it('refuses an upload without the token, and anything but .xlsx or .csv', async () => {
    expect((await upload('month.csv', Buffer.from('x'), {} as ReturnType<typeof token>)).status).toBe(401);
    const exe = JSON.parse((await upload('month.exe', Buffer.from('MZ'))).body.toString('utf8'));
    expect(exe).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    expect(leftovers()).toEqual([]);
  });

  it('imports the uploaded export (nothing new: the records are already here) and deletes the upload', async () => {
    const job = await exported('xlsx');
    const file = (await request({ path: `/download/${job.job}`, headers: token() })).body;
    const sent = JSON.parse((await upload('五月.xlsx', file)).body.toString('utf8'));
    expect(sent).toMatchObject({ ok: true, value: { upload: expect.stringMatching(/\.xlsx$/) } });
    const report = await api<{ fileName: string; imported: number; skipped: number }>('importArchive', { upload: sent.value.upload });
    expect(report).toMatchObject({ ok: true, value: { fileName: '五月.xlsx', imported: 0, skipped: 4 } });
    expect(leftovers()).toEqual([]);
    // The handle is spent.
    expect(await api('importArchive', { upload: sent.value.upload })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('names an unreadable upload by what the person chose, not by its temporary path', async () => {
    const sent = JSON.parse((await upload('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'))).body.toString('utf8'));
    const result = await api('importArchive', { upload: sent.value.upload });
    expect(result).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    expect(result.error!.message).not.toContain(server.filesDir);
    expect(leftovers()).toEqual([]);
  });

  it('removes its private folder when it stops', async () => {
    const job = await exported('csv');
    expect(leftovers()).toHaveLength(1);
    expect(job.state).toBe('done');
    await server.close();
    expect(fs.existsSync(server.filesDir)).toBe(false);
  });
});
