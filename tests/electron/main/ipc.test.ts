import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodName } from '../../../shared/api/contract';
import { channelOf, METHOD_NAMES } from '../../../shared/api/methods';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

type Listener = (event: IpcMainInvokeEvent, request: unknown) => unknown;

// ipcMain stand-in: keeps each registered handler so the test can invoke it as
// Electron would, with a sender frame of the test's choosing.
const handlers = vi.hoisted(() => new Map<string, Listener>());
const handle = vi.hoisted(() => vi.fn((channel: string, listener: Listener) => void handlers.set(channel, listener)));
vi.mock('electron', () => ({ ipcMain: { handle } }));
// The real dispatcher, watched: a refused request must never reach it.
vi.mock('../../../electron/handlers/dispatch', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/handlers/dispatch')>();
  return { ...actual, dispatch: vi.fn(actual.dispatch) };
});

const { registerIpc } = await import('../../../electron/main/ipc');
const { dispatch } = await import('../../../electron/handlers/dispatch');

const rendererIndex = path.join(path.sep, 'opt', 'Hotline Log', 'dist', 'renderer', 'index.html');
const trustedUrl = pathToFileURL(rendererIndex).href;

/** The IPC layer reads only the sender frame (trust) and the sender's id (its window's session). */
const eventFrom = (frame: { url: string; parent: object | null } | null, windowId = 1): IpcMainInvokeEvent =>
  ({ senderFrame: frame, sender: { id: windowId } }) as unknown as IpcMainInvokeEvent;

function invoke(method: MethodName, event: IpcMainInvokeEvent, request: unknown): Promise<unknown> {
  const listener = handlers.get(channelOf(method));
  if (!listener) throw new Error(`no handler for ${method}`);
  return Promise.resolve(listener(event, request));
}

let desk: TestDesk;
/** The windows whose dialogs were asked for: each request gets its own window's. */
const dialogOwners: number[] = [];
beforeAll(async () => {
  desk = await openTestDesk();
  registerIpc(desk.ctx, rendererIndex, (sender) => {
    dialogOwners.push(sender.id);
    // The person cancels every dialog.
    return { exportTarget: async () => null, importSource: async () => null };
  });
});
afterAll(() => desk.close());
beforeEach(() => vi.mocked(dispatch).mockClear());

describe('registerIpc', () => {
  it('registers exactly one channel per contract method', () => {
    const channels = handle.mock.calls.map(([channel]) => channel);
    expect(channels).toHaveLength(METHOD_NAMES.length);
    expect(new Set(channels)).toEqual(new Set(METHOD_NAMES.map((m) => channelOf(m))));
  });

  it('answers the app’s own top frame through the real dispatcher and database', async () => {
    const result = await invoke('getDesk', eventFrom({ url: trustedUrl, parent: null }), {});
    expect(result).toEqual({ ok: true, value: { code: 'A03', agentName: '李娜', timeZone: 'Asia/Shanghai' } });
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it('keeps a signed-in profile per window', async () => {
    const admin = (await desk.ok('listUsers', {}))[0]!;
    await desk.ok('saveUser', { id: admin.id, name: admin.name, role: 'admin', pin: '2468' });
    expect(await invoke('signIn', eventFrom({ url: trustedUrl, parent: null }, 7), { userId: admin.id, pin: '2468' })).toMatchObject({ ok: true });
    expect(await invoke('whoAmI', eventFrom({ url: trustedUrl, parent: null }, 7), {})).toMatchObject({ ok: true, value: { id: admin.id } });
    expect(await invoke('whoAmI', eventFrom({ url: trustedUrl, parent: null }, 8), {})).toEqual({ ok: true, value: null });
    expect(await invoke('startCall', eventFrom({ url: trustedUrl, parent: null }, 8), {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    await desk.ok('saveUser', { id: admin.id, name: admin.name, role: 'admin', pin: null });
  });

  it('still trusts its own page with a route in the hash', async () => {
    const result = await invoke('getDesk', eventFrom({ url: `${trustedUrl}#/review`, parent: null }), {});
    expect(result).toMatchObject({ ok: true });
  });

  it.each([
    ['a subframe of the app page', { url: trustedUrl, parent: {} }],
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: pathToFileURL(path.join(path.sep, 'tmp', 'index.html')).href, parent: null }],
    ['a frame that is gone', null],
  ])('refuses %s without reaching the dispatcher', async (_label, frame) => {
    const result = await invoke('startCall', eventFrom(frame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(dispatch).not.toHaveBeenCalled();
    // Nothing was written: the day still has no calls.
    const day = await desk.ok('listDay', {});
    expect(day.records).toEqual([]);
  });

  it('opens the save dialog of the window that asked', async () => {
    // A one-profile desk without a PIN signs the window in by itself.
    expect(await invoke('whoAmI', eventFrom({ url: trustedUrl, parent: null }, 3), {})).toMatchObject({ ok: true, value: { name: '李娜' } });
    // A call to export (an empty list is refused before any dialog); last in this file, the others expect an empty day.
    expect(await invoke('startCall', eventFrom({ url: trustedUrl, parent: null }, 3), {})).toMatchObject({ ok: true });
    dialogOwners.length = 0;
    expect(await invoke('startExport', eventFrom({ url: trustedUrl, parent: null }, 3), { from: '2024-05-20', to: '2024-05-20', format: 'xlsx' })).toEqual({ ok: true, value: null });
    expect(dialogOwners).toContain(3);
    expect(dialogOwners).not.toContain(1);
  });
});
