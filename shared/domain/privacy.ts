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
 * A phone-, ID-card- or bank-card-like run: 11 or more digits, possibly grouped
 * by single spaces, dots or hyphens, possibly led by '+'. Eleven is a mainland
 * mobile number or a landline with its area code; shorter runs (dates, order
 * amounts, 4-digit tails) stay readable.
 */
const LONG_DIGIT_RUN = /\+?\d(?:[ .-]?\d){10,}X?/gi;

/**
 * Masks every long digit run to its last four digits.
 * @example maskDigitRuns('call 13800138000 back') === 'call ****8000 back'
 */
export function maskDigitRuns(text: string): string {
  return toAsciiDigits(text).replace(LONG_DIGIT_RUN, (run) => {
    const digits = run.replace(/[^\dXx]/g, '');
    return `****${digits.slice(-4)}`;
  });
}
