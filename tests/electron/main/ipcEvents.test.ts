import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportJob } from '../../../shared/api/archive';
import type { MethodName } from '../../../shared/api/contract';
import { eventChannelOf } from '../../../shared/api/events';
import { channelOf } from '../../../shared/api/methods';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

type Listener = (event: IpcMainInvokeEvent, request: unknown) => unknown;

// ipcMain stand-in, as in ipc.test.ts: the test invokes the handlers as Electron would.
const handlers = vi.hoisted(() => new Map<string, Listener>());
vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, listener: Listener) => void handlers.set(channel, listener) } }));

const { registerIpc } = await import('../../../electron/main/ipc');

const rendererIndex = path.join(path.sep, 'opt', 'Hotline Log', 'dist', 'renderer', 'index.html');
const trustedUrl = pathToFileURL(rendererIndex).href;

/** A window: its webContents' id, what was sent to it, and whether it is gone. */
function windowStandIn(id: number) {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const sender = { id, destroyed: false, isDestroyed: () => sender.destroyed, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) };
  return { sender, sent };
}
type Window = ReturnType<typeof windowStandIn>;

function invoke(method: MethodName, window: Window, request: unknown, frame: { url: string; parent: object | null } = { url: trustedUrl, parent: null }) {
  const event = { senderFrame: frame, sender: window.sender } as unknown as IpcMainInvokeEvent;
  return Promise.resolve(handlers.get(channelOf(method))!(event, request));
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

let desk: TestDesk;
const out = tempDir();
beforeAll(async () => {
  desk = await openTestDesk();
  // Every export is saved to a file in the test's folder, as if chosen in the save dialog.
  registerIpc(desk.ctx, rendererIndex, () => ({ exportTarget: async (name) => ({ file: path.join(out.dir, name), download: false }), importSource: async () => null }));
});
afterAll(async () => {
  await desk.close();
  out.remove();
});

describe('events over IPC', () => {
  it('pushes an export’s progress and end to the windows signed in as its profile only', async () => {
    const asker = windowStandIn(1);
    const signedOut = windowStandIn(2);
    const gone = windowStandIn(3);
    const stranger = windowStandIn(4);
    // A one-profile desk without a PIN signs a window in by itself.
    for (const w of [asker, signedOut, gone]) expect(await invoke('whoAmI', w, {})).toMatchObject({ ok: true, value: { name: '李娜' } });
    expect(await invoke('signOut', signedOut, {})).toMatchObject({ ok: true });
    gone.sender.destroyed = true;
    // A page that is not the app's own is refused, and so is never told anything either.
    expect(await invoke('whoAmI', stranger, {}, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false });

    expect(await invoke('startCall', asker, {})).toMatchObject({ ok: true });
    const started = (await invoke('startExport', asker, { from: '2024-05-20', to: '2024-05-20', format: 'xlsx' })) as { ok: true; value: ExportJob };
    expect(started).toMatchObject({ ok: true, value: { state: 'running' } });

    const finished = () => asker.sent.find((s) => s.channel === eventChannelOf('exportFinished'));
    await until(() => finished() !== undefined);
    expect(finished()?.payload).toMatchObject({ job: started.value.job, state: 'done', rows: 1 });
    // Progress came before the end, on its own channel; the end is the last word.
    expect(asker.sent.map((s) => s.channel)).toContain(eventChannelOf('exportProgress'));
    expect(asker.sent.at(-1)?.channel).toBe(eventChannelOf('exportFinished'));
    for (const w of [signedOut, gone, stranger]) expect(w.sent).toEqual([]);
  });
});
