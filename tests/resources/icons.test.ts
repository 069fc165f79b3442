import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempStore';

/**
 * The committed icons are the ones scripts/icons.mjs makes from resources/icon.svg
 * today (a drawing changed without `npm run icons` fails here), and each file is
 * what its consumer expects: read with parsers written here, not the script's writers.
 */
const tmp = tempDir();
afterAll(() => tmp.remove());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The images of a .ico: its directory's sizes (0 meaning 256) and the PNG each entry points at. */
function icoImages(ico: Buffer): Array<{ size: number; png: Buffer }> {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const width = ico.readUInt8(at) || 256;
    expect(ico.readUInt8(at + 1) || 256).toBe(width);
    const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
    expect(pngSize(png)).toEqual({ width, height: width });
    return { size: width, png };
  });
}

/** The chunks of a .icns as type → PNG pixel size. */
function icnsSizes(icns: Buffer): Record<string, number> {
  expect(icns.toString('ascii', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const sizes: Record<string, number> = {};
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    const { width, height } = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    expect(height).toBe(width);
    sizes[icns.toString('ascii', at, at + 4)] = width;
  }
  return sizes;
}

const read = (name: string) => fs.readFileSync(path.join('resources', name));

describe('resources/: the app icon', () => {
  it('is exactly what npm run icons makes from icon.svg today, and nothing stale beside it', () => {
    const out = path.join(tmp.dir, 'icons');
    execFileSync(process.execPath, ['scripts/icons.mjs', '--out', out]);
    const list = (dir: string) =>
      fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    const generated = list(out);
    expect(list('resources').filter((f) => f !== 'icon.svg')).toEqual(generated);
    for (const name of generated) expect(fs.readFileSync(path.join(out, name)).equals(read(name)), name).toBe(true);
  });

  it('has the PNGs of the Linux hicolor theme, 512 and 1024 px included, each its named size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows .ico from 16 to 256 px and a favicon.ico of the tab sizes', () => {
    expect(icoImages(read('icon.ico')).map((i) => i.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const favicon = icoImages(read('web/favicon.ico'));
    expect(favicon.map((i) => i.size)).toEqual([16, 32, 48]);
    // The same pixels as the app's own icon at that size.
    expect(favicon[0]?.png.equals(read('icons/16x16.png'))).toBe(true);
  });

  it('has a macOS .icns with every size and its @2x twin up to 1024 px', () => {
    expect(icnsSizes(read('icon.icns'))).toEqual({
      icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512,
    });
  });

  it('is the icon electron-builder packages for Linux (and its .desktop entry), Windows and macOS', async () => {
    // electron-builder's own loader and schema check, as `npm run dist` would read the file.
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const icons = { linux: config.linux?.icon, win: config.win?.icon, mac: config.mac?.icon };
    expect(icons).toEqual({ linux: 'resources/icons', win: 'resources/icon.ico', mac: 'resources/icon.icns' });
    for (const icon of Object.values(icons)) expect(fs.existsSync(icon ?? 'missing')).toBe(true);
    expect(config.linux?.desktop?.entry).toMatchObject({ Name: 'Hotline Log', 'Name[zh_CN]': '热线记录' });
  });
});
