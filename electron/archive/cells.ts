/**
 * What may go into a spreadsheet cell. Cells are only ever strings, numbers,
 * Dates or null: exceljs turns objects with `formula` or `hyperlink` into live
 * formulas and links, so no object ever reaches it.
 */
export type CellValue = string | number | Date | null;

/** Excel refuses longer cell text (its documented limit). */
export const MAX_CELL_CHARS = 32_767;
/** Excel's rows per sheet, header included. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_NAME = 31;

export const TRUNCATED_MARKER = { zh: '…[已截断]', en: '…[truncated]' } as const;

/**
 * Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates;
 * U+FFFE, U+FFFF): one of them in a sheet makes Excel refuse the whole file.
 */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** @example stripXmlForbidden('a\u0001b') === 'ab' */
export function stripXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/**
 * Text cut to Excel's cell limit with a visible marker, never splitting a surrogate pair.
 * @example cutToCellLimit('x'.repeat(40_000), 'en').length === 32_767
 */
export function cutToCellLimit(text: string, lang: keyof typeof TRUNCATED_MARKER, limit = MAX_CELL_CHARS): string {
  if (text.length <= limit) return text;
  const marker = TRUNCATED_MARKER[lang];
  return clip(text, limit - marker.length) + marker;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Text as it may go into an xlsx cell: XML-safe and within the limit. A string cell is never a formula, so nothing else is needed. */
export function xlsxText(text: string, lang: keyof typeof TRUNCATED_MARKER): string {
  return cutToCellLimit(stripXmlForbidden(text), lang);
}

/** OWASP's CSV-injection triggers: a spreadsheet reads a field starting with one of them as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field's text, defused: a leading ' makes Excel and LibreOffice show the rest as text.
 * @example defuseFormula('=HYPERLINK("x")') === '\'=HYPERLINK("x")'
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes defuseFormula on import: only a ' that stands before a trigger character is ours. */
export function undoDefuse(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const SHEET_FORBIDDEN = /[:\\/?*[\]]/g;

/**
 * A sheet name Excel accepts: forbidden characters replaced, no leading or
 * trailing apostrophe, at most 31 characters, not 'History', and unique
 * (case-insensitively) among `taken`, which it is added to.
 * @example safeSheetName('a/b', new Set()) === 'a_b'
 */
export function safeSheetName(wanted: string, taken: Set<string>): string {
  let base = stripXmlForbidden(wanted).replace(SHEET_FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = `Sheet${base === '' ? '' : '_'}${base}`;
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  let name = clip(base, MAX_SHEET_NAME);
  for (let n = 2; lower.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clip(base, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(name);
  return name;
}
