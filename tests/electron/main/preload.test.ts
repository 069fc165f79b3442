import { describe, expect, it, vi } from 'vitest';
import { eventChannelOf, EVENT_NAMES } from '../../../shared/api/events';
import { channelOf, METHOD_NAMES } from '../../../shared/api/methods';

// contextBridge and ipcRenderer stand-ins: what the preload exposes is
// recorded, and every invoke answers with its own arguments so the test can
// see what crossed the boundary.
const fake = vi.hoisted(() => ({
  exposed: [] as Array<{ key: string; api: unknown }>,
  invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ ok: true, value: { channel, args } })),
  /** The IPC listeners the preload holds, per channel, so the test can send as main would. */
  listening: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push({ key, api }) },
  ipcRenderer: {
    invoke: fake.invoke,
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!fake.listening.has(channel)) fake.listening.set(channel, new Set());
      fake.listening.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => void fake.listening.get(channel)?.delete(listener)),
  },
}));

await import('../../../electron/preload/preload');
const electron = await import('electron');

describe('preload', () => {
  it('exposes exactly two keys: "hotline" (the contract) and "hotlineEvents" (its events)', () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['hotline', 'hotlineEvents']);
  });

  it('offers exactly the contract methods: no more, no less', () => {
    const api = fake.exposed[0]?.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(api[name]).toBeTypeOf('function');
  });

  it('sends each method over its own channel with the request, and returns the answer', async () => {
    const api = fake.exposed[0]?.api as Record<string, (req: unknown) => Promise<unknown>>;
    for (const name of METHOD_NAMES) {
      const request = { probe: name };
      await expect(api[name]?.(request)).resolves.toEqual({ ok: true, value: { channel: channelOf(name), args: [request] } });
    }
    expect(fake.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
    expect(METHOD_NAMES.map((name) => channelOf(name))).toEqual(METHOD_NAMES.map((name) => `hotline:${name}`));
  });

  it('never hands the page ipcRenderer or any of its functions', () => {
    const api = fake.exposed[0]?.api as Record<string, unknown>;
    const raw = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    for (const value of Object.values(api)) expect(raw.has(value)).toBe(false);
    expect(raw.has(api)).toBe(false);
  });

  it('offers the events as one narrow on(): the payload only reaches the listener, until it unsubscribes', () => {
    const bridge = fake.exposed[1]?.api as { on: (name: string, listener: (payload: unknown) => void) => () => void };
    expect(Object.keys(bridge)).toEqual(['on']);
    const raw = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    expect(raw.has(bridge.on)).toBe(false);
    for (const name of EVENT_NAMES) {
      const got: unknown[][] = [];
      const stop = bridge.on(name, (...args) => got.push(args));
      const sendFromMain = (payload: unknown) => fake.listening.get(eventChannelOf(name))?.forEach((l) => l({ sender: electron.ipcRenderer }, payload));
      sendFromMain({ job: 'j1' });
      stop();
      sendFromMain({ job: 'j2' });
      // Only the payload: the IPC event (whose sender is ipcRenderer) never reaches the page.
      expect(got).toEqual([[{ job: 'j1' }]]);
    }
    // No channel outside the event map can be listened to.
    expect(() => bridge.on('hotline:getDesk', () => undefined)).toThrow();
    expect(fake.listening.has('hotline:getDesk')).toBe(false);
  });
});
