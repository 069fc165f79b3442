import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { z } from 'zod';

/**
 * The privacy scan's tools: every text field of the contract, and a byte scan
 * of every file in a folder (zip archives such as .xlsx opened, each part
 * scanned) for a phone number in any of the forms a person types it.
 */

/**
 * Every request field that can carry text, as 'method.path' (e.g.
 * 'updateCall.patch.remarks'), read from the zod schemas themselves so that a
 * field added to the contract is in the scan without anyone remembering it.
 * Strings held to a pattern (dates, job ids) are included too: they are typed
 * into like any other field. `unknown` (the policy document) counts as one
 * field holding any text below it.
 */
export function textFieldsOf(schemas: Record<string, z.ZodType>): string[] {
  return Object.entries(schemas).flatMap(([method, schema]) => fieldsOf(schema, method));
}

function fieldsOf(schema: z.ZodType, at: string): string[] {
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, s]) => fieldsOf(s, `${at}.${key}`));
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return fieldsOf(schema.unwrap() as z.ZodType, at);
  if (schema instanceof z.ZodString || schema instanceof z.ZodUnknown || schema instanceof z.ZodAny) return [at];
  return [];
}

/** The paths of the strings in `value` that contain `needle`, e.g. ['patch.remarks', 'changeReason']. */
export function pathsHolding(value: unknown, needle: string, at = ''): string[] {
  const join = (key: string | number) => (at === '' ? String(key) : `${at}.${key}`);
  if (typeof value === 'string') return value.includes(needle) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsHolding(item, needle, join(i)));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => pathsHolding(item, needle, join(key)));
  return [];
}

/** Full-width digits as ASCII (the scan's own conversion, independent of the app's). */
const ascii = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * More of the number than its last four digits: its first seven digits, in
 * order, with up to three other characters between any two (spaces, hyphens,
 * full-width separators — whatever was typed between them). Masked, only
 * "****8000" is left, which this never matches.
 */
const LEAK = /1\D{0,3}3\D{0,3}8\D{0,3}0\D{0,3}0\D{0,3}1\D{0,3}3/g;

export interface Leak {
  file: string;
  context: string;
}

/** Every place in `text` where more than the last four digits of 138 0013 8000 appear. */
export function leaksIn(text: string, file: string): Leak[] {
  const converted = ascii(text);
  return [...converted.matchAll(LEAK)].map((m) => ({
    file,
    context: converted.slice(Math.max(0, m.index - 30), m.index + 50).replace(/[^\x20-\x7e\u3000-\u9fff\uff00-\uffef]/g, '·'),
  }));
}

/** Each file under `dir`, recursively, with its bytes; a zip archive (.xlsx) also as each of its parts, unpacked. */
export function* filesUnder(dir: string): Generator<{ file: string; bytes: Buffer }> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* filesUnder(file);
      continue;
    }
    const bytes = fs.readFileSync(file);
    yield { file, bytes };
    if (bytes.length >= 22 && bytes.readUInt32LE(0) === 0x04034b50) {
      for (const part of unzip(bytes)) yield { file: `${file}!${part.name}`, bytes: part.bytes };
    }
  }
}

/** Scans every byte of every file under `dir` (as UTF-8 text, which is how SQLite, the logs and the exports store text). */
export function scanFolder(dir: string): { leaks: Leak[]; scanned: Map<string, string> } {
  const leaks: Leak[] = [];
  const scanned = new Map<string, string>();
  for (const { file, bytes } of filesUnder(dir)) {
    const text = bytes.toString('utf8');
    const name = path.relative(dir, file);
    scanned.set(name, ascii(text));
    leaks.push(...leaksIn(text, name));
  }
  return { leaks, scanned };
}

/** The parts of a zip archive, read through its central directory (so data descriptors, which exceljs writes, do not matter). */
export function unzip(zip: Buffer): Array<{ name: string; bytes: Buffer }> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: Array<{ name: string; bytes: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    parts.push({ name, bytes: method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}
