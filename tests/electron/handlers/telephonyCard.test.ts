import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhoneEventOutcome } from '../../../electron/records/phoneEvents';
import { hostTelephony, type TelephonyHost } from '../../../electron/startup/telephonyControl';
import { startAmiServer, TEST_SECRET, type TestAmiServer } from '../../helpers/amiServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The admin's Telephony card through the real dispatcher, on a real SQLite
 * file and against the test PBX over real TCP: the AMI URL is write-only,
 * saving restarts the inputs in place (a call then opens a record without an
 * app restart), the environment's values are read-only, the CTI URL is the
 * one to give the PBX, and only admins see or change any of it.
 */

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'ami');

let desk: TestDesk;
let ami: TestAmiServer;
let host: TelephonyHost | undefined;
let outcomes: PhoneEventOutcome[];
beforeEach(async () => {
  for (const method of ['log', 'info', 'warn'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  desk = await openTestDesk();
  // The desk's first profile is its admin (setupDesk).
  ami = await startAmiServer();
  outcomes = [];
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await ami.close();
  await desk.close();
  vi.restoreAllMocks();
});

async function startHost(env: NodeJS.ProcessEnv = {}) {
  host = await hostTelephony({ file: desk.file, db: desk.store.db, atDesk: () => desk.ctx.session.userId, onOutcome: (o) => void outcomes.push(o), env });
  desk.ctx.telephony = host;
  return host;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the Telephony card', () => {
  it('connects to the PBX once saved, without an app restart, and never shows the AMI URL again', async () => {
    await startHost();
    expect(await desk.ok('getTelephony', {})).toMatchObject({ amiUrlSet: false, extension: null, queues: [], ctiEnabled: false, fromEnv: [], status: null });

    const saved = await desk.ok('saveTelephony', { amiUrl: ami.url(), extension: ' PJSIP/1001 ', queues: ['support', ' '] });
    expect(saved).toMatchObject({ amiUrlSet: true, extension: 'PJSIP/1001', queues: ['support'] });
    expect(JSON.stringify(saved)).not.toContain(TEST_SECRET);
    const connected = await until(() => desk.ok('getTelephony', {}), (v) => v.status?.ami?.state === 'connected', 'the AMI login');
    expect(connected.status).toMatchObject({ extension: 'PJSIP/1001', watchedQueues: ['support'] });
    expect(JSON.stringify(connected)).not.toContain(TEST_SECRET);
    // Kept in the 0600 settings file, never in the database.
    expect(fs.statSync(`${desk.file}.settings.json`).mode & 0o777).toBe(0o600);

    ami.replay(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    const opened = await until(async () => outcomes.find((o) => o.opened), (o) => o !== undefined, 'the ringing call');
    expect((await desk.ok('getCall', { id: opened!.recordId! })).phoneLast4).toBe('8000');

    // Cleared: the connection closes and nothing runs.
    const cleared = await desk.ok('saveTelephony', { amiUrl: null });
    expect(cleared).toMatchObject({ amiUrlSet: false, status: null });
  });

  it('refuses an AMI URL that is not one, beside its field', async () => {
    await startHost();
    expect(await desk.call('saveTelephony', { amiUrl: 'http://pbx:5038' })).toMatchObject({ ok: false, error: { field: 'amiUrl' } });
    expect((await desk.ok('getTelephony', {})).amiUrlSet).toBe(false);
  });

  it('shows the CTI URL to give the PBX while the endpoint runs, and stops it when turned off', async () => {
    await startHost();
    const on = await desk.ok('saveTelephony', { ctiEnabled: true });
    expect(on.ctiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cti\/[A-Za-z0-9_-]{43}$/);
    expect(on.status?.cti).toEqual({ host: '127.0.0.1', port: Number(/:(\d+)\//.exec(on.ctiUrl!)![1]) });
    const response = await fetch(on.ctiUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'newCall', from: '13800138000', direction: 'in', callId: 'c1' }) });
    expect(response.status).toBe(200);
    const off = await desk.ok('saveTelephony', { ctiEnabled: false });
    expect(off).toMatchObject({ ctiEnabled: false, ctiUrl: null, status: null });
    await expect(fetch(on.ctiUrl!, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('shows what the environment sets and refuses to change it', async () => {
    await startHost({ HOTLINE_AMI_URL: ami.url(), HOTLINE_EXTENSION: 'PJSIP/1001' });
    const view = await desk.ok('getTelephony', {});
    expect(view).toMatchObject({ amiUrlSet: true, extension: 'PJSIP/1001', fromEnv: ['amiUrl', 'extension'] });
    expect(await desk.call('saveTelephony', { extension: 'PJSIP/2002' })).toMatchObject({ ok: false, error: { field: 'extension' } });
    expect(await desk.call('saveTelephony', { amiUrl: null })).toMatchObject({ ok: false, error: { field: 'amiUrl' } });
    // What the environment leaves to the card may still be set there.
    expect(await desk.ok('saveTelephony', { queues: ['support'] })).toMatchObject({ queues: ['support'], extension: 'PJSIP/1001' });
  });

  it('is for admins only', async () => {
    await startHost();
    const me = (await desk.ok('listUsers', {}))[0]!;
    const agent = await desk.ok('saveUser', { name: '王芳', role: 'agent' });
    await desk.ok('saveUser', { id: me.id, name: me.name, role: 'admin', pin: '2468' });
    await desk.ok('signIn', { userId: agent.id });
    expect(await desk.call('getTelephony', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('saveTelephony', { ctiEnabled: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says where no running app holds the inputs (the CLI, a handler without them)', async () => {
    expect(await desk.call('getTelephony', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('HOTLINE_AMI_URL') } });
  });
});
