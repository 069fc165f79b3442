import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readCtiEndpoint } from '../../../electron/durability/ctiEndpoint';
import { updateSettings } from '../../../electron/durability/settings';
import { openDeskCtiEndpoint } from '../../../electron/startup/ctiEndpoint';
import { asJson, send } from '../telephony/cti/push';
import { tempDir } from '../../helpers/tempStore';

/** Issue 15: "Its port and token survive restarts." */
const tmp = tempDir();
afterAll(() => tmp.remove());
let logLines: string[];
beforeEach(() => {
  logLines = [];
  for (const method of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...a: unknown[]) => void logLines.push(a.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const ignore = () => undefined;

describe('the desk’s CTI endpoint', () => {
  it('makes a token and takes a port at the first start, keeps both (0600), and comes back on them after a restart', async () => {
    const db = path.join(tmp.dir, 'restart.db');
    updateSettings(db, { uiLang: 'zh' });
    const first = await openDeskCtiEndpoint(db, ignore);
    const kept = readCtiEndpoint(db);
    expect(kept).toMatchObject({ host: '127.0.0.1', port: first!.port, allowFrom: [] });
    expect(kept.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(`${db}.settings.json`).mode & 0o777).toBe(0o600);
    // The desk's other settings stay.
    expect(JSON.parse(fs.readFileSync(`${db}.settings.json`, 'utf8')).uiLang).toBe('zh');
    await first!.close();

    const events: unknown[] = [];
    const second = await openDeskCtiEndpoint(db, (e) => void events.push(e));
    expect(second!.port).toBe(first!.port);
    expect(readCtiEndpoint(db).token).toBe(kept.token);
    // A PBX configured with the first start's URL still reaches the desk.
    const push = asJson({ event: 'newCall', from: '493055571600', direction: 'in', callId: 'r1' });
    expect((await send(second!, `/api/v1/cti/${kept.token!}`, push.body, push.headers)).status).toBe(200);
    expect(events).toHaveLength(1);
    await second!.close();
    // The log says where it listens, never the token.
    expect(logLines.join('\n')).toContain(`listening on 127.0.0.1:${first!.port}`);
    expect(logLines.join('\n')).not.toContain(kept.token);
  });

  it('a kept port another program holds now: the desk starts anyway, without the endpoint, and says so', async () => {
    const db = path.join(tmp.dir, 'taken.db');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as net.AddressInfo).port;
    updateSettings(db, { ctiPort: port, ctiToken: 'kept-token-0123456789abcdef' });
    expect(await openDeskCtiEndpoint(db, ignore)).toBeNull();
    expect(logLines.join('\n')).toContain(`CTI endpoint: not started (port ${port} is in use by another program)`);
    // What was kept is not thrown away: the next start, with the port free, uses it again.
    expect(readCtiEndpoint(db)).toMatchObject({ port, token: 'kept-token-0123456789abcdef' });
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    const again = await openDeskCtiEndpoint(db, ignore);
    expect(again!.port).toBe(port);
    await again!.close();
  });
});
