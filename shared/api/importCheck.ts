import type { ImportResult } from './archive';

/**
 * "Check first" on the Review screen's Import card: the file is read as an
 * import would read it and nothing is written; the answer carries a handle
 * with which "Import this file" imports the very same file without asking for
 * it again. The handle is opaque: the renderer never holds a path.
 */

/** A checked file's handle: random, URL-safe. */
export const CHECK_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * How long a checked file waits for its import: long enough to read the
 * report and ask a colleague, short enough that a browser-mode upload (a file
 * of customer records in the temporary folder) does not linger. Each check
 * starts it afresh; the import spends the handle.
 */
export const CHECK_KEEP_MS = 15 * 60_000;

/** What a check found, and the handle to import it by. */
export interface ImportCheck {
  /** Pass to `importArchive({ check })` (or `checkImport({ check, timeZone })` to check it again in another zone). */
  check: string;
  /** Epoch ms after which the handle is refused (`import_check_expired`). */
  expiresAt: number;
  fileName: string;
  /** The IANA zone the file's times were read in (the desk's unless another was chosen). */
  timeZone: string;
  /** The report as an import would give it, with nothing written (`imported` counts what would be added). */
  report: ImportResult;
}

/**
 * A running import or Check first, as the Import card shows it while it waits: the rows read so
 * far (a file's row count is known only at its end), then `writing` once every row was read and
 * checked, with the records written of those to write. A cancel stops it until the records are
 * published, all at once; then nothing of the file stays.
 */
export interface ImportProgress {
  action: 'check' | 'import';
  rowsRead: number;
  writing: boolean;
  /** While writing: records written so far (not yet seen by anyone) of `toWrite`. */
  written: number;
  toWrite: number;
  /** A cancel was asked for; the request that runs it answers `import_cancelled`. */
  cancelling: boolean;
}
