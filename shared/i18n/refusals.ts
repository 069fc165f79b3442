import type { ErrorCode } from '../api/result';
import { HotlineError } from '../api/result';
import type { RefusalCode, RefusalParams } from '../api/refusals';
import { refusals } from './en/refusals';
import { fillParams } from './index';

/**
 * A refusal from the main process: the error code the renderer reacts to, what exactly was
 * refused as a code with its data (the page says it in its language), and the English text of
 * that code as the message (logs, the CLI). `invalid_request` unless a more telling code applies.
 * @example throw refuse('name_taken', { name: 'Li Na' }, 'name')
 */
export function refuse(code: RefusalCode, params: RefusalParams = {}, field?: string, errorCode: ErrorCode = 'invalid_request'): HotlineError {
  return new HotlineError(errorCode, fillParams(refusals[`refusal.${code}`], params), field, undefined, undefined, { code, params });
}
