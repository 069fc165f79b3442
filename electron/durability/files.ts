import fs from 'node:fs';
import path from 'node:path';

/**
 * A SQLite database is up to three files: the main file, its write-ahead log
 * and the log's shared-memory index. They belong together: the -wal holds
 * committed transactions not yet copied into the main file, so moving one
 * without the other loses or mixes data.
 */
export function sideFilesOf(file: string): { wal: string; shm: string } {
  return { wal: `${file}-wal`, shm: `${file}-shm` };
}

/** A timestamp that sorts, is unambiguous (UTC) and is legal in a file name on every OS: 2024-05-20T06-15-00-123Z. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

/** The instant a fileStamp stands for, or null when `stamp` is not one. */
export function parseFileStamp(stamp: string): number | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as [number, number, number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return fileStamp(at) === stamp ? at : null;
}

/** One file that was renamed. */
export interface Moved {
  from: string;
  to: string;
}

/**
 * Renames a database and its -wal/-shm to `<file>.<label>-<stamp>` (with
 * `-wal`/`-shm` after that, so SQLite finds them if the kept file is opened),
 * never replacing an existing file. The main file goes first: if the process
 * dies in between, what is left is an orphan -wal, which openStoreSafely moves
 * aside too, rather than a main file silently missing its log.
 * Returns the renames done (files that did not exist are skipped).
 */
export function moveAside(file: string, label: string, now: number): Moved[] {
  const { wal, shm } = sideFilesOf(file);
  const present = [file, wal, shm].filter((f) => fs.existsSync(f));
  if (present.length === 0) return [];
  const base = freeBaseName(`${file}.${label}-${fileStamp(now)}`);
  const moved: Moved[] = [];
  for (const from of present) {
    const to = from === file ? base : `${base}${from.slice(file.length)}`;
    fs.renameSync(from, to);
    moved.push({ from, to });
  }
  fsyncFolder(path.dirname(file));
  return moved;
}

/** `base`, or `base-1`, `base-2`…: the first name for which neither the file nor its -wal/-shm exist. */
function freeBaseName(base: string): string {
  const taken = (b: string) => [b, `${b}-wal`, `${b}-shm`].some((f) => fs.existsSync(f));
  if (!taken(base)) return base;
  for (let i = 1; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Makes a rename or a new file in `folder` durable: without it, a power cut
 * right after can bring back the old directory entry. Windows has no way to
 * open a folder for fsync (NTFS journals the rename itself), so it is skipped there.
 */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a file's contents to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Creates an empty file only its owner can read (0600), failing if it exists: SQLite then keeps that mode for what it writes there. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** Lives in the store, which makes the database's own folder with it; the backups use it from here. */
export { ensurePrivateFolder } from '../store/privateFolder';
