import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// A stand-in for Electron's app and session: it keeps the listeners and
// handlers the app installs so the test can call them like Electron would.
const fake = vi.hoisted(() => ({
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  requestHandler: undefined as undefined | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
  checkHandler: undefined as undefined | ((...args: unknown[]) => boolean),
}));
vi.mock('electron', () => ({
  app: {
    on: (name: string, listener: (...args: unknown[]) => void) => fake.appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof fake.requestHandler) => (fake.requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof fake.checkHandler) => (fake.checkHandler = handler),
    },
  },
}));

const { lockDownWebContents } = await import('../../../electron/main/security');
lockDownWebContents();
// Let whenReady().then(...) install the session handlers.
await new Promise((resolve) => setImmediate(resolve));

/** An EventEmitter with the one WebContents method the lock-down calls. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.openHandler = handler;
  }
}

function createdContents(): FakeContents {
  const contents = new FakeContents();
  const created = fake.appListeners.get('web-contents-created');
  if (!created) throw new Error('no web-contents-created listener');
  created({}, contents as unknown as WebContents);
  return contents;
}

describe('lockDownWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s in every new web contents', (name) => {
    const contents = createdContents();
    const event = { preventDefault: vi.fn() };
    contents.emit(name, event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window', () => {
    const contents = createdContents();
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission request and check once the app is ready', () => {
    const callback = vi.fn();
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read'];
    for (const permission of permissions) fake.requestHandler?.({}, permission, callback);
    expect(callback.mock.calls).toEqual(permissions.map(() => [false]));
    expect(fake.checkHandler).toBeTypeOf('function');
    for (const permission of permissions) expect(fake.checkHandler?.({}, permission, 'file:///', {})).toBe(false);
  });
});
