import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { CHECK_KEEP_MS } from '../../shared/api/importCheck';
import { HotlineError } from '../../shared/api/result';

/** A file that "Check first" read, kept for the one import that may follow. */
export interface CheckedFile {
  /** Where the file is: the path chosen in the desktop dialog, or browser mode's upload. Never leaves the main side. */
  file: string;
  fileName: string;
  /** The zone the check read the times in; the import uses the same. */
  timeZone: string;
  /** Whether the import came from a browser-mode upload (the request then named it, not a dialog). */
  uploaded: boolean;
  /** Called once the file is no longer needed: after its import, when it expires or is replaced (browser mode deletes the upload). */
  release: () => void;
}

interface Entry extends CheckedFile {
  userId: number;
  expiresAt: number;
  /** The bytes that were checked: the import refuses a file changed since (edited in Excel meanwhile). */
  digest: string;
  timer: NodeJS.Timeout;
}

/**
 * The files checked and not yet imported, behind opaque handles: the renderer
 * holds a random handle, never a path, so a page cannot name a file the person
 * did not pick. A handle is good for one import, by the profile that checked,
 * for CHECK_KEEP_MS after the (last) check; a profile has one check at a time,
 * so a new check releases the previous file.
 */
export class ImportChecks {
  private readonly entries = new Map<string, Entry>();

  /**
   * Remembers a checked file and returns its handle and when it lapses. `now` is the handlers'
   * clock (tests move it); a timer on the process's own clock releases the file in any case.
   */
  keep(userId: number, checked: CheckedFile, now: number, digest: string = digestOf(checked.file)): { check: string; expiresAt: number } {
    for (const [id, entry] of this.entries) if (entry.userId === userId && entry.file !== checked.file) this.drop(id);
    for (const [id, entry] of this.entries) if (entry.userId === userId) this.forget(id);
    const check = randomBytes(18).toString('base64url');
    const expiresAt = now + CHECK_KEEP_MS;
    const timer = setTimeout(() => this.drop(check), CHECK_KEEP_MS);
    timer.unref();
    this.entries.set(check, { ...checked, userId, expiresAt, digest, timer });
    return { check, expiresAt };
  }

  /** The checked file behind a handle, still as it was checked; the handle stays valid (a re-check). */
  peek(check: string, userId: number, now: number): CheckedFile {
    return this.own(check, userId, now);
  }

  /** Takes the file for its import: the handle is spent. The caller releases the file once imported. */
  take(check: string, userId: number, now: number): CheckedFile {
    const entry = this.own(check, userId, now);
    this.forget(check);
    return entry;
  }

  private own(check: string, userId: number, now: number): Entry {
    const entry = this.entries.get(check);
    // Another profile's check is as unknown as one that never was; a lapsed one is dropped by its timer or here.
    if (!entry || entry.userId !== userId) throw expired();
    if (entry.expiresAt <= now) {
      this.drop(check);
      throw expired();
    }
    if (!fs.existsSync(entry.file)) {
      this.drop(check);
      throw new HotlineError('import_file_changed', 'The checked file is gone (moved, renamed or deleted); choose it again.');
    }
    if (digestOf(entry.file) !== entry.digest) {
      this.drop(check);
      throw new HotlineError('import_file_changed', 'The file changed after it was checked; check it again before importing.');
    }
    return entry;
  }

  /** Forgets a handle and releases its file. */
  private drop(check: string): void {
    const entry = this.entries.get(check);
    if (!entry) return;
    this.forget(check);
    entry.release();
  }

  /** Forgets a handle and keeps its file (it is being imported, or checked again under a new handle). */
  private forget(check: string): void {
    const entry = this.entries.get(check);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(check);
  }
}

const expired = () => new HotlineError('import_check_expired', `That check is no longer known (a check is kept ${CHECK_KEEP_MS / 60_000} minutes, for one import); press Check first again.`);

/** SHA-256 of the file, a MiB at a time (an upload may be 256 MiB); it costs well under the import that follows. */
/** The file's SHA-256: taken before a check reads it, so that a file saved again during the check is refused at import. */
export function digestOf(file: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export const importChecks = new ImportChecks();
