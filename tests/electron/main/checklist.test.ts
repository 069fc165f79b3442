import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The items of Electron's security checklist that live in files rather than in
 * code paths (those are in window, security, preload and ipc tests): the
 * page's Content-Security-Policy, the fuses of the packaged binary, and APIs
 * the app must never use. docs/desktop.md maps every item to its test.
 */

/** Every source file the app is built from. */
function sources(): Array<{ file: string; text: string }> {
  return ['electron', 'renderer/src', 'shared']
    .flatMap((dir) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => path.join(e.parentPath, e.name)))
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** The CSP of an HTML page's meta tag, as directive → sources. */
function cspOf(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error('no Content-Security-Policy meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('Content-Security-Policy of the page', () => {
  const pages = ['renderer/index.html', 'dist/renderer/index.html'].filter((p) => fs.existsSync(p));

  it.each(pages)('%s: nothing but the app’s own files, no inline or eval’d script, no remote host', (page) => {
    const csp = cspOf(fs.readFileSync(page, 'utf8'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      for (const v of values) expect(`${name} ${v}`).not.toMatch(/unsafe-|https?:|\*|blob:|ws:/);
    }
  });

  it('the built page loads no remote content', () => {
    const built = 'dist/renderer/index.html';
    if (!fs.existsSync(built)) return expect(pages).toEqual(['renderer/index.html']);
    const html = fs.readFileSync(built, 'utf8');
    expect(html.match(/(?:src|href)="[^"]*"/g)?.filter((attr) => /https?:|\/\//.test(attr)) ?? []).toEqual([]);
  });
});

describe('Electron fuses in the packaging config', () => {
  /** The `electronFuses:` block of electron-builder.yml as name → value. */
  const fuses = (() => {
    const yml = fs.readFileSync('electron-builder.yml', 'utf8');
    const block = /^electronFuses:\n((?:[ \t]+.*\n|\n)+)/m.exec(yml)?.[1] ?? '';
    return Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']));
  })();

  it('turns off running as Node, NODE_OPTIONS and the inspector, and loads only an integrity-checked app.asar', () => {
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('sets every fuse explicitly (a fuse left out keeps Electron’s default)', () => {
    expect(Object.keys(fuses).sort()).toEqual(
      [
        'runAsNode',
        'enableCookieEncryption',
        'enableNodeOptionsEnvironmentVariable',
        'enableNodeCliInspectArguments',
        'enableEmbeddedAsarIntegrityValidation',
        'onlyLoadAppFromAsar',
        'loadBrowserProcessSpecificV8Snapshot',
        'grantFileProtocolExtraPrivileges',
      ].sort(),
    );
  });
});

describe('APIs the app never uses', () => {
  const code = sources();

  it('finds the sources it scans', () => {
    expect(code.some((s) => s.file === path.join('electron', 'main', 'window.ts'))).toBe(true);
    expect(code.length).toBeGreaterThan(100);
  });

  it.each([
    ['shell.openExternal (record text must never reach a URL handler)', /openExternal/],
    ['the remote module', /@electron\/remote|\bremote\.require/],
    ['webSecurity turned off', /webSecurity:\s*false/],
    ['insecure content allowed', /allowRunningInsecureContent:\s*true/],
    ['Node in the page', /nodeIntegration(InWorker|InSubFrames)?:\s*true/],
    ['isolation or the sandbox turned off', /(contextIsolation|sandbox):\s*false/],
    ['experimental features or Blink features switched on', /experimentalFeatures:\s*true|enableBlinkFeatures/],
    ['eval or new Function', /\beval\(|new Function\(/],
    ['raw HTML into the page', /dangerouslySetInnerHTML|\.innerHTML\s*=/],
  ])('never %s', (_what, pattern) => {
    expect(code.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
