import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodName } from '../../../shared/api/contract';
import { eventChannelOf } from '../../../shared/api/events';
import { channelOf } from '../../../shared/api/methods';
import type { TelephonyHost } from '../../../electron/startup/telephonyControl';
import { startAmiServer, TEST_SECRET, type TestAmiServer } from '../../helpers/amiServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The desktop app's telephony (electron/main/deskTelephony.ts, as main.ts
 * wires it): started beside the IPC, the AMI URL the admin saves on the card
 * sealed with safeStorage, a ringing call opened for the profile of the window
 * most recently signed in, the phoneCall event sent to the windows, and
 * everything stopped at quit. Electron is the test's stand-in; the store, the
 * handlers and the PBX (the test AMI server, over TCP) are real.
 */

type Listener = (event: IpcMainInvokeEvent, request: unknown) => unknown;
const handlers = vi.hoisted(() => new Map<string, Listener>());
// The keychain stand-in seals by reversing: the clear URL must never reach the settings file.
const seal = (text: string) => [...text].reverse().join('');
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: Listener) => void handlers.set(channel, listener) },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(seal(text)),
    decryptString: (sealed: Buffer) => seal(sealed.toString()),
  },
}));

const { registerIpc } = await import('../../../electron/main/ipc');
const { startDeskTelephony } = await import('../../../electron/main/deskTelephony');

const rendererIndex = path.join(path.sep, 'opt', 'Hotline Log', 'dist', 'renderer', 'index.html');
const trustedUrl = pathToFileURL(rendererIndex).href;

function windowStandIn(id: number) {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const sender = { id, destroyed: false, isDestroyed: () => sender.destroyed, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
  return { sender, sent };
}
type Window = ReturnType<typeof windowStandIn>;

async function invoke<T = unknown>(method: MethodName, window: Window, request: unknown): Promise<T> {
  const event = { senderFrame: { url: trustedUrl, parent: null }, sender: window.sender } as unknown as IpcMainInvokeEvent;
  const result = (await handlers.get(channelOf(method))!(event, request)) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function until<T>(read: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let desk: TestDesk;
let ami: TestAmiServer;
let telephony: TelephonyHost;
let ipc: ReturnType<typeof registerIpc>;
const admin = windowStandIn(1);
const agent = windowStandIn(2);
beforeAll(async () => {
  for (const method of ['log', 'info', 'warn'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  desk = await openTestDesk();
  ami = await startAmiServer();
  // As main.ts: the telephony first (the IPC's context holds it), the windows' sessions once the IPC exists.
  const sessions = { atDesk: (): number | null => null };
  telephony = await startDeskTelephony({ file: desk.file, db: desk.store.db, atDesk: () => sessions.atDesk(), env: {} });
  ipc = registerIpc({ db: desk.store.db, now: () => Date.now(), telephony }, rendererIndex);
  sessions.atDesk = ipc.atDesk;
});
afterAll(async () => {
  await telephony.stop();
  ipc.stop();
  await ami.close();
  await desk.close();
  vi.restoreAllMocks();
});

describe('the desktop app’s telephony', () => {
  it('seals the AMI URL the admin saves, and opens a ringing call for the window most recently signed in', async () => {
    // A one-profile desk without a PIN signs its window in by itself.
    await invoke('whoAmI', admin, {});
    const [lina] = await invoke<Array<{ id: number }>>('listUsers', admin, {});
    const fang = await invoke<{ id: number }>('saveUser', admin, { name: '王芳', role: 'agent' });
    await invoke('saveUser', admin, { id: lina!.id, name: '李娜', role: 'admin', pin: '2468' });
    await invoke('signIn', admin, { userId: lina!.id, pin: '2468' });
    await invoke('signIn', agent, { userId: fang.id });
    expect(ipc.atDesk()).toBe(fang.id);
    // The admin's window signs in again: now it is the one at the desk.
    await invoke('signOut', admin, {});
    expect(ipc.atDesk()).toBe(fang.id);
    await invoke('signIn', admin, { userId: lina!.id, pin: '2468' });
    expect(ipc.atDesk()).toBe(lina!.id);

    await invoke('saveTelephony', admin, { amiUrl: ami.url(), extension: 'PJSIP/1001', queues: ['support'] });
    const kept = JSON.parse(fs.readFileSync(`${desk.file}.settings.json`, 'utf8')) as Record<string, unknown>;
    expect(kept.amiUrl).toBeUndefined();
    expect(typeof kept.amiUrlSealed).toBe('string');
    expect(JSON.stringify(kept)).not.toContain(TEST_SECRET);
    await until(async () => (await invoke<{ status: { ami: { state: string } } }>('getTelephony', admin, {})).status.ami.state === 'connected', 'the AMI login');

    // The admin's window is closed: the agent's is the one at the desk.
    admin.sender.destroyed = true;
    expect(ipc.atDesk()).toBe(fang.id);
    ami.replay(path.join(__dirname, '..', '..', 'fixtures', 'ami', 'asterisk20-queue-answered.ami'));
    const news = await until(() => agent.sent.find((s) => s.channel === eventChannelOf('phoneCall') && (s.payload as { opened: boolean }).opened), 'the phoneCall event');
    const { recordId } = news.payload as { recordId: number };
    expect(await invoke('getCall', agent, { id: recordId })).toMatchObject({ agent: '王芳', phoneLast4: '8000' });
  });

  it('stops the inputs at quit: no session comes back after the PBX drops it', async () => {
    await telephony.stop();
    expect(telephony.running()).toBeNull();
    const before = ami.connections();
    // A running client reconnects within its first back-off (about a second); a stopped one never does.
    ami.drop();
    await new Promise((r) => setTimeout(r, 2500));
    expect(ami.connections()).toBe(before);
  });
});
