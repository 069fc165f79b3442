// The two icon containers the installers need, written from PNGs that resvg
// rendered at each size (a container of downscaled copies of one big PNG would
// blur the 16 px entry). Both formats are a short header and a directory of PNG
// images; each is written in a fixed order, so the same PNGs give the same bytes.
import { Buffer } from 'node:buffer';

/**
 * Windows .ico: ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then
 * the images. PNG-compressed entries are valid since Windows Vista; a width or
 * height of 256 is written as 0, as the format says.
 * @param {Array<{ size: number, png: Buffer }>} images
 */
export function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/**
 * macOS .icns types that hold PNG data (macOS 10.7+), each with the pixel size
 * it must have: the plain sizes and their @2x ("retina") twins.
 */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic13', 256], // 128@2x
  ['ic14', 512], // 256@2x
];

/**
 * macOS .icns: 'icns' and the file's length (big-endian), then per image its
 * four-letter type, its length including this 8-byte header, and the PNG.
 * @param {Map<number, Buffer>} pngBySize
 */
export function icnsOf(pngBySize) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`icns needs a ${size} px PNG for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
