import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// Electron's binary is not needed: BrowserWindow is a stand-in that records
// what the app asked of it.
const created = vi.hoisted(() => [] as Array<{ options: BrowserWindowConstructorOptions; loaded: string[]; query?: Record<string, string> }>);
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly record: { options: BrowserWindowConstructorOptions; loaded: string[]; query?: Record<string, string> };
    constructor(options: BrowserWindowConstructorOptions) {
      this.record = { options, loaded: [] };
      created.push(this.record);
    }
    once(): this {
      return this;
    }
    loadFile(file: string, options?: { query?: Record<string, string> }): Promise<void> {
      this.record.loaded.push(file);
      if (options?.query) this.record.query = options.query;
      return Promise.resolve();
    }
  },
}));

const { createDeskWindow, rendererIndex, secureWebPreferences, windowIcon } = await import('../../../electron/main/window');

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page and keeps Node, webviews and insecure content out', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});

describe('createDeskWindow', () => {
  it('builds the window with those preferences and loads the bundled renderer page', () => {
    const distDir = path.join(path.sep, 'app', 'dist');
    createDeskWindow(distDir);
    expect(created).toHaveLength(1);
    const [win] = created;
    expect(win?.options.webPreferences).toEqual(secureWebPreferences(path.join(distDir, 'electron', 'preload.cjs')));
    expect(win?.loaded).toEqual([path.join(distDir, 'renderer', 'index.html')]);
    expect(win?.loaded).toEqual([rendererIndex(distDir)]);
  });

  it('gives the window the app icon the renderer build ships, the 512 px PNG from resources/', () => {
    const distDir = path.join(path.sep, 'app', 'dist');
    createDeskWindow(distDir);
    expect(created.at(-1)?.options.icon).toBe(path.join(distDir, 'renderer', 'icon.png'));
    // The real build (node scripts/build.mjs) puts that very file there.
    const built = windowIcon(path.resolve('dist'));
    expect(fs.existsSync(built), `${built} is missing: run node scripts/build.mjs`).toBe(true);
    expect(fs.readFileSync(built).equals(fs.readFileSync('resources/icons/512x512.png'))).toBe(true);
  });

  it('opens the page in the desk’s kept language when there is one, else leaves it to the page', () => {
    const distDir = path.join(path.sep, 'app', 'dist');
    createDeskWindow(distDir, 'zh');
    expect(created.at(-1)?.query).toEqual({ lang: 'zh' });
    createDeskWindow(distDir);
    expect(created.at(-1)?.query).toBeUndefined();
  });
});
