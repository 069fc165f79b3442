import { maskDigitRuns } from './privacy';

/**
 * C0 and C1 control characters except tab and newline, and the bidirectional
 * embedding/override/isolate characters used in "Trojan Source" tricks
 * (U+202A–202E, U+2066–2069): none of them belongs in a call record.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Normalises free text before it is stored: NFC, CRLF → LF, unwanted controls
 * removed, long digit runs masked, surrounding whitespace trimmed.
 * @example cleanText(' 王女士\u202E ') === '王女士'
 */
export function cleanText(text: string): string {
  return maskDigitRuns(text.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNWANTED, '')).trim();
}
