import { describe, expect, it, vi } from 'vitest';
import { channelOf, METHOD_NAMES } from '../../../shared/api/methods';

// contextBridge and ipcRenderer stand-ins: what the preload exposes is
// recorded, and every invoke answers with its own arguments so the test can
// see what crossed the boundary.
const fake = vi.hoisted(() => ({
  exposed: [] as Array<{ key: string; api: unknown }>,
  invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ ok: true, value: { channel, args } })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push({ key, api }) },
  ipcRenderer: { invoke: fake.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

await import('../../../electron/preload/preload');
const electron = await import('electron');

describe('preload', () => {
  it('exposes exactly one key, "hotline"', () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['hotline']);
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
});
