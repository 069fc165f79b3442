/**
 * Customer-data minimisation (SPEC "Privacy"): only the last four digits of a
 * phone number are kept, and long digit runs typed into free text are masked
 * before they are stored.
 */

/** Full-width digits (０-９) typed with a Chinese IME become ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * The last four digits of whatever was typed or pasted, or null when it holds fewer than four.
 * @example lastFourDigits('+86 138-0013-8000') === '8000'
 */
export function lastFourDigits(typed: string): string | null {
  const digits = toAsciiDigits(typed).replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * What may stand between the digits of one number as people type or paste it:
 * up to two of spaces (also no-break and ideographic), dots, hyphens and dashes
 * (also full-width), and parentheses around an area code — "+86 138-0013-8000",
 * "(010) 6552 1234", "１３８－００１３－８０００". Not slashes, colons or line
 * breaks, so that times, slashed dates and numbered lines stay readable.
 */
const SEPARATOR = /[ \u00A0\u3000.\-\u2010-\u2015\u2212\uFF0D\uFF0E()\uFF08\uFF09]{0,2}/.source;

/**
 * A phone-, ID-card- or bank-card-like run: 11 or more digits, possibly grouped
 * by separators, possibly led by '+'. Eleven is a mainland mobile number or a
 * landline with its area code; shorter runs (dates, order amounts, 4-digit
 * tails) stay readable. A record number (CS + its date + serial, e.g.
 * CS20240520001) and a missed call's (MC + its date + serial) also have 11
 * digits but are the app's own references, not customer data: they are
 * matched first and kept.
 */
const RECORD_NO = String.raw`(?:CS|MC)(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3,5}(?!\d)`;
const RECORD_NO_OR_LONG_RUN = new RegExp(String.raw`(${RECORD_NO})|[+\uFF0B]?\d(?:${SEPARATOR}\d){10,}X?`, 'gi');

/**
 * Masks every long digit run to its last four digits.
 * @example maskDigitRuns('call 13800138000 back') === 'call ****8000 back'
 */
export function maskDigitRuns(text: string): string {
  return toAsciiDigits(text).replace(RECORD_NO_OR_LONG_RUN, (run, recordNo: string | undefined) => {
    if (recordNo) return run;
    const digits = run.replace(/[^\dXx]/g, '');
    return `****${digits.slice(-4)}`;
  });
}

/** Whether `text` holds a phone- or ID-like run that maskDigitRuns would mask. */
export function hasLongDigitRun(text: string): boolean {
  return maskDigitRuns(text) !== toAsciiDigits(text);
}
