import type { ApiError } from '../api/result';

/**
 * The {placeholders} of refusals that carry several parameters as data
 * (ApiError.problems, in the order the handler gives them), so that the page
 * says them in its own language around the data.
 * @example errorParams({ code: 'void_too_late', message: '', problems: ['CS20240520001', '10'] }) // { recordNo: 'CS20240520001', minutes: '10' }
 */
export function errorParams(error: ApiError): Record<string, string> {
  const [first = '', second = ''] = error.problems ?? [];
  if (error.code === 'void_too_late') return { recordNo: first, minutes: second };
  if (error.code === 'record_voided') return { recordNo: first };
  return {};
}
