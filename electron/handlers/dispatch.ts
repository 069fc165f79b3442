import { requestSchemas, type MethodName, type ResponseOf } from '../../shared/api/contract';
import { isMethodName } from '../../shared/api/methods';
import { HotlineError, type ApiResult } from '../../shared/api/result';
import { describeError, log } from '../log';
import { bulkWriteEnded, enterRequest } from '../store/requestGate';
import { atClick, type HandlerContext, type HandlerTable } from './context';
import { handlers as defaultHandlers } from './index';

/** Anything that reaches a log: never the request or record text, which may hold customer data. */
export type ErrorLogger = (method: string, error: unknown) => void;

const logToStderr: ErrorLogger = (method, error) => log.error(`hotline: ${method} failed (${describeError(error)})`);

/**
 * The single entry point of both transports: validate the request against the
 * contract's schema, run the handler, and wrap the outcome in the result
 * envelope. Unknown methods, unknown fields, wrong types and oversized text
 * never reach a handler.
 */
export async function dispatch(
  method: string,
  request: unknown,
  ctx: HandlerContext,
  table: HandlerTable = defaultHandlers,
  log: ErrorLogger = logToStderr,
): Promise<ApiResult<ResponseOf<MethodName>>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'invalid_request', message: `Unknown method "${method}".` } };
  }
  const parsed = requestSchemas[method].safeParse(request ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown field has no input of its own to stand next to.
    const field = issue?.code === 'unrecognized_keys' ? undefined : issue?.path.filter((p) => typeof p === 'string').at(-1);
    const message = `Invalid request to ${method}: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'malformed'}`;
    // zod's text is English; the kind of problem (and its limit) lets the page say it in the reader's language.
    const problems = issue ? [problemOf(issue)] : [];
    return { ok: false, error: { code: 'invalid_request', message, problems, ...(field ? { field } : {}) } };
  }
  // The bulk worker waits for requests being answered before each of its short write transactions.
  const answered = enterRequest();
  try {
    await bulkWriteEnded();
    const handler = table[method] as (req: unknown, ctx: HandlerContext) => Promise<ResponseOf<MethodName>>;
    const clickedAt = (parsed.data as { clickedAt?: number }).clickedAt;
    return { ok: true, value: await handler(parsed.data, atClick(ctx, clickedAt)) };
  } catch (error) {
    if (error instanceof HotlineError) return { ok: false, error: error.toApiError() };
    const answer = storageOrInternal(error);
    // A busy store is expected under bulk work and answered for a retry; it is no failure to log.
    if (answer.code !== 'store_busy') log(method, error);
    return { ok: false, error: answer };
  } finally {
    answered();
  }
}

/** 'too_big:10000', 'invalid_type', …: zod's issue code, with the limit a person needs to know. */
function problemOf(issue: { code: string; maximum?: unknown; minimum?: unknown }): string {
  const limit = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
  return typeof limit === 'number' || typeof limit === 'bigint' ? `${issue.code}:${limit}` : issue.code;
}

/** SQLite's own failures (disk full, read-only folder, locked too long) get a message a person can act on. */
function storageOrInternal(error: unknown): { code: 'storage_failed' | 'store_busy' | 'internal'; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  // Locked past the request's short wait: nothing was written, and the same request may simply be sent again.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') {
    return { code: 'store_busy', message: 'Not saved yet: the database is busy with other work. Send the same request again.' };
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const why =
      code === 'SQLITE_FULL'
        ? 'the disk is full'
        : code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN'
          ? 'the database folder is read-only'
          : code.startsWith('SQLITE_BUSY')
            ? 'another program kept the database busy'
            : // A failing disk, or a file system the system switched to read-only after errors.
              code.startsWith('SQLITE_IOERR')
              ? `the disk could not be written (${code})`
              : `the database reported ${code}`;
    return { code: 'storage_failed', message: `Not saved: ${why}. What you typed is kept; try again.` };
  }
  return { code: 'internal', message: 'Something went wrong; nothing was changed. Try again.' };
}
