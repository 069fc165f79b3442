import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_KEEP_MS } from '../../../shared/api/importCheck';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Browser mode's "Check first": the upload a check read stays in the run's
 * private folder for the import that follows, and is deleted once imported,
 * or when its check lapses. The page only ever holds handles.
 */

let desk: TestDesk;
let server: RunningServer;
const statics = tempDir();

const PAPER = Buffer.from('记录编号,来电时间,首次接听时间,客户称呼,联系方式,来电事由\r\nCS20240601001,2024-06-01 09:00,2024-06-01 09:02,张先生,138-0013-8000,订单物流异常\r\n');

function post(path: string, body: Buffer, type: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path, headers: { host: `127.0.0.1:${server.port}`, 'x-hotline-token': server.token, 'content-type': type } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const api = (method: string, body: unknown) => post(`/api/${method}`, Buffer.from(JSON.stringify(body)), 'application/json') as Promise<{ ok: boolean; value: { check: string }; error?: { code: string } }>;
async function uploaded(name: string, body = PAPER): Promise<string> {
  const sent = (await post(`/upload?name=${encodeURIComponent(name)}`, body, 'application/octet-stream')) as { value: { upload: string } };
  return sent.value.upload;
}
const uploads = () => fs.readdirSync(server.filesDir);

beforeAll(async () => {
  fs.writeFileSync(`${statics.dir}/index.html`, '<!doctype html><title>desk</title>');
  desk = await openTestDesk({ now: Date.UTC(2024, 6, 1, 6) });
  server = await startServer({ ctx: desk.ctx, staticDir: statics.dir });
});
afterAll(async () => {
  await server.close();
  await desk.close();
  statics.remove();
});

describe('browser mode keeps a checked upload for its import', () => {
  it('keeps the upload after a check, and deletes it once imported', async () => {
    const upload = await uploaded('六月.csv');
    const check = await api('checkImport', { upload });
    expect(check).toMatchObject({ ok: true, value: { fileName: '六月.csv' } });
    expect(uploads()).toEqual([upload]);
    expect(await api('importArchive', { check: check.value.check })).toMatchObject({ ok: true, value: { fileName: '六月.csv', problemCount: 0 } });
    expect(uploads()).toEqual([]);
  });

  it('deletes the upload when its check lapses, or gives way to a check of another file', async () => {
    const first = await uploaded('a.csv');
    const a = await api('checkImport', { upload: first });
    const second = await uploaded('b.csv');
    await api('checkImport', { upload: second });
    // One check a profile: checking b released a.
    expect(uploads()).toEqual([second]);
    expect(await api('importArchive', { check: a.value.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });

    const b = await api('checkImport', { upload: second });
    desk.clock.ms += CHECK_KEEP_MS;
    expect(await api('importArchive', { check: b.value.check })).toMatchObject({ ok: false, error: { code: 'import_check_expired' } });
    expect(uploads()).toEqual([]);
    desk.clock.ms -= CHECK_KEEP_MS;
  });

  it('deletes an upload that cannot be read at all', async () => {
    const upload = await uploaded('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(await api('checkImport', { upload })).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
    expect(uploads()).toEqual([]);
  });
});
