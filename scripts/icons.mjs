// Generates every icon file from the one drawing, resources/icon.svg:
//
//   npm run icons              # writes into resources/ (commit the results)
//   node scripts/icons.mjs --out DIR   # the same files into DIR (the test compares)
//
// resvg renders the SVG afresh at each size, so small sizes are drawn for their
// pixel grid rather than shrunk from the 1024 px image. No system fonts are
// loaded (the drawing has no text): the output depends on the SVG and resvg alone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { icnsOf, icoOf } from './iconFormats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'resources', 'icon.svg');

/** The hicolor theme's usual sizes (a Linux .desktop entry finds its icon there), up to 1024 for stores and docks. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows picks from these for title bars, the taskbar, Explorer's views; NSIS needs 256. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** A browser tab's icon and its high-density twins. */
export const FAVICON_SIZES = [16, 32, 48];

function render(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/** Every generated file as relative path → bytes. */
export function iconFiles(svg = fs.readFileSync(source)) {
  const png = new Map(PNG_SIZES.map((size) => [size, render(svg, size)]));
  const pick = (sizes) => sizes.map((size) => ({ size, png: png.get(size) }));
  return new Map([
    // electron-builder's linux.icon folder: NxN.png, installed into the hicolor theme.
    ...PNG_SIZES.map((size) => [`icons/${size}x${size}.png`, png.get(size)]),
    ['icon.ico', icoOf(pick(ICO_SIZES))],
    ['icon.icns', icnsOf(png)],
    // Vite copies web/ into dist/renderer: the favicon, and the window's icon.
    ['web/favicon.ico', icoOf(pick(FAVICON_SIZES))],
    ['web/icon.png', png.get(512)],
  ]);
}

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(root, 'resources'));
  for (const [name, bytes] of iconFiles()) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), bytes);
  }
  console.log(`icons written to ${path.relative(process.cwd(), out) || '.'} from resources/icon.svg`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
