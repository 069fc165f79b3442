import { maskDigitRuns } from '../shared/domain/privacy';

/**
 * The app's log: the desktop app's console and browser mode's terminal, which
 * an admin may well keep in a file. Callers pass no record text (paths,
 * counts, error codes and names only); as a second line of defence every line
 * has its long digit runs masked, so a phone number that slipped into a path
 * or an error message is never written in full.
 *
 * What a CLI command prints as its answer (a stats table, an import report, a
 * policy) is output the person asked for, not a log, and does not go through here.
 */
export const log = {
  info: (line: string): void => console.log(maskDigitRuns(line)),
  warn: (line: string): void => console.warn(maskDigitRuns(line)),
  error: (line: string): void => console.error(maskDigitRuns(line)),
};

/**
 * What a log may say about an unexpected error: SQLite's code and message
 * (SQLite never puts bound values in its messages), else the error's name and
 * where it was thrown. Other messages are left out, because they may quote
 * what was typed: JSON.parse's, for one, shows its input.
 * @example describeError(sqliteFullError) === 'SQLITE_FULL: database or disk is full'
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return `${code}: ${error.message}`;
  const frame = error.stack
    ?.split('\n')
    .find((line) => /^\s+at /.test(line))
    ?.trim();
  return frame ? `${error.name} ${frame}` : error.name;
}
