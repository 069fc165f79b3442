import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempStore';

const tmp = tempDir();
let cli = '';
let busy: net.Server;

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  tmp.remove();
});

describe('hotline serve', () => {
  it('says plainly when its port is taken, and what to do', async () => {
    const port = (busy.address() as net.AddressInfo).port;
    const result = await runCli(cli, ['serve', '--db', path.join(tmp.dir, 'hotline.db'), '--port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`hotline serve: port ${port} is already in use`);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+|EADDRINUSE/);
  });
});
