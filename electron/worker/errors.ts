import { ArchiveFileError } from '../archive/types';
import type { SentError } from './protocol';

/** An error as data for the trip out of the worker: what the asking side reads of it, never a stack. */
export function sendableError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' || code === null ? { code } : {}),
    ...(error instanceof ArchiveFileError ? { params: error.params } : {}),
  };
}

/**
 * The error again on the asking side, of the class its callers test for: an
 * unreadable import file stays an ArchiveFileError (the handler turns it into
 * `file_unreadable`), an AbortError stays one, and SQLite's or the file
 * system's code stays on `code` (dispatch and the export's outcome read it).
 */
export function receivedError(sent: SentError): Error {
  if (sent.name === 'ArchiveFileError') {
    return new ArchiveFileError(sent.message, (sent.code ?? null) as ConstructorParameters<typeof ArchiveFileError>[1], sent.params ?? {});
  }
  const error = new Error(sent.message);
  error.name = sent.name;
  if (sent.code !== undefined) Object.assign(error, { code: sent.code });
  return error;
}
