import type { RawCell, RawRow } from './rawCells';

/**
 * A worksheet's rows straight from its XML text. exceljs' streaming reader
 * runs every character through a SAX parser and builds a Row and a Cell model
 * per cell: two thirds of reading 100,000 records. A sheet's data is one flat
 * list of `<row>` elements holding `<c>` elements, so it is read here with
 * string searches instead; the rest of the workbook (zip, shared strings,
 * styles, sheet names) is still exceljs'. Cells come out as exceljs gives
 * them: shared and inline strings as text (rich text joined), numbers, dates
 * for numbers in a date format, booleans, `#ERROR` text, a formula's cached
 * result.
 */

/** What a worksheet's cells need from the rest of the workbook. */
export interface SheetBook {
  /** exceljs' shared strings: text, or rich text runs. */
  sharedStrings: ReadonlyArray<string | { richText: ReadonlyArray<{ text: string | null }> } | null> | undefined;
  /** The number format of a cell style, if any. */
  numFmtOf(styleId: number): string | undefined;
  date1904: boolean;
}

export class DamagedSheetError extends Error {}

const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

/**
 * A copy of a cell's text that does not keep the parser's chunk alive: V8 makes
 * a substring a view into its parent string, and a kept view of every 64 KB
 * chunk kept the whole sheet's XML in memory (600 MB for 100,000 records).
 */
export const own = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

/** Reads the rows of one worksheet from its XML, decoded, in chunks of any size. */
export async function* sheetRows(chunks: AsyncIterable<string>, book: SheetBook): AsyncGenerator<RawRow> {
  const cells = new CellReader(book);
  let buffer = '';
  let state: 'before' | 'rows' | 'after' = 'before';
  let lastRow = 0;
  for await (const chunk of chunks) {
    buffer += chunk;
    let pos = 0;
    if (state === 'before') {
      const start = buffer.indexOf('<sheetData');
      if (start === -1) {
        // Keep only what could be the start of the tag.
        buffer = buffer.slice(-10);
        continue;
      }
      const end = buffer.indexOf('>', start);
      if (end === -1) continue;
      state = buffer.charCodeAt(end - 1) === SLASH ? 'after' : 'rows';
      pos = end + 1;
    }
    while (state === 'rows') {
      const open = buffer.indexOf('<', pos);
      if (open === -1) {
        pos = buffer.length;
        break;
      }
      if (buffer.startsWith('</sheetData', open)) {
        state = 'after';
        break;
      }
      if (buffer.startsWith('<!--', open) || buffer.startsWith('<?', open)) {
        // A comment or a processing instruction between rows.
        const end = buffer.indexOf(buffer[open + 1] === '!' ? '-->' : '?>', open);
        if (end === -1) break;
        pos = end + 2;
        continue;
      }
      const tagEnd = buffer.indexOf('>', open);
      if (tagEnd === -1) break;
      if (!isTag(buffer, open, 'row')) throw new DamagedSheetError(`unexpected ${buffer.slice(open, Math.min(tagEnd + 1, open + 40))} in the sheet data`);
      const number = intAttribute(buffer.slice(open + 4, tagEnd), 'r') ?? lastRow + 1;
      if (buffer.charCodeAt(tagEnd - 1) === SLASH) {
        pos = tagEnd + 1;
      } else {
        const close = buffer.indexOf('</row>', tagEnd);
        if (close === -1) break;
        pos = close + 6;
        lastRow = number;
        yield { row: number, cells: cells.row(buffer, tagEnd + 1, close) };
        continue;
      }
      lastRow = number;
      yield { row: number, cells: [] };
    }
    buffer = state === 'after' ? '' : buffer.slice(pos);
  }
  if (state === 'rows') throw new DamagedSheetError('the sheet data ends in the middle of a row');
}

const SLASH = 47;

/** Whether `<name` starts at `at` as a whole tag name (followed by a blank, `>` or `/`). */
function isTag(text: string, at: number, name: string): boolean {
  if (!text.startsWith(name, at + 1)) return false;
  const next = text.charCodeAt(at + 1 + name.length);
  return next === 32 || next === 62 || next === SLASH || next === 9 || next === 10 || next === 13;
}

/** An attribute's value in a start tag's attribute text, or null. */
function attribute(attributes: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at === -1) return null;
    from = at + name.length;
    const before = attributes.charCodeAt(at - 1);
    // A whole attribute name: preceded by a blank, followed by = (blanks allowed around it).
    if (at > 0 && before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let i = from;
    while (attributes.charCodeAt(i) === 32) i++;
    if (attributes.charCodeAt(i) !== 61) continue;
    i++;
    while (attributes.charCodeAt(i) === 32) i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") return null;
    const end = attributes.indexOf(quote, i + 1);
    return end === -1 ? null : decodeXml(attributes.slice(i + 1, end));
  }
}

function intAttribute(attributes: string, name: string): number | null {
  const text = attribute(attributes, name);
  const n = text === null ? NaN : parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}

/** The column of a cell reference in text[from, to): 'AB12' → 28. */
function columnOf(text: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return col;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data as text: line ends as an XML parser reads them, entities and character references decoded. */
function decodeXml(raw: string): string {
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of an element's content, CDATA sections included. */
function contentText(raw: string): string {
  if (raw.indexOf('<![CDATA[') === -1) return decodeXml(raw);
  let text = '';
  let from = 0;
  for (let at = raw.indexOf('<![CDATA['); at !== -1; at = raw.indexOf('<![CDATA[', from)) {
    const end = raw.indexOf(']]>', at);
    if (end === -1) throw new DamagedSheetError('an unterminated CDATA section');
    text += decodeXml(raw.slice(from, at)) + raw.slice(at + 9, end).replace(/\r\n?/g, '\n');
    from = end + 3;
  }
  return text + decodeXml(raw.slice(from));
}

/** Cells of a row, by their column; the per-style date check is remembered. */
class CellReader {
  private readonly dateStyles = new Map<number, boolean>();
  private readonly shared: string[] = [];
  /** The last cell tag's column (from r; 0 without), style (s) and type (t). */
  private col = 0;
  private style = 0;
  private type: string | null = null;

  constructor(private readonly book: SheetBook) {}

  row(xml: string, from: number, to: number): RawCell[] {
    const cells: RawCell[] = [];
    let next = 1;
    let pos = from;
    for (;;) {
      const open = xml.indexOf('<c', pos);
      if (open === -1 || open >= to) break;
      const tagEnd = xml.indexOf('>', open);
      if (!isTag(xml, open, 'c')) {
        pos = open + 2;
        continue;
      }
      let inner = '';
      if (xml.charCodeAt(tagEnd - 1) === SLASH) pos = tagEnd + 1;
      else {
        const close = xml.indexOf('</c>', tagEnd);
        if (close === -1 || close > to) throw new DamagedSheetError('a cell without its end tag');
        inner = xml.slice(tagEnd + 1, close);
        pos = close + 4;
      }
      this.readAttributes(xml, open + 2, tagEnd);
      const col = this.col === 0 ? next : this.col;
      next = col + 1;
      const value = this.value(this.type, this.style, inner);
      if (value === null) continue;
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = value;
    }
    return cells;
  }

  /** Reads a <c> tag's attributes in one pass over the row's text, without copying them out. */
  private readAttributes(xml: string, from: number, to: number): void {
    this.col = 0;
    this.style = 0;
    this.type = null;
    for (let i = from; i < to; ) {
      const eq = xml.indexOf('=', i);
      if (eq === -1 || eq >= to) return;
      let nameEnd = eq;
      while (isBlank(xml.charCodeAt(nameEnd - 1))) nameEnd--;
      let nameStart = nameEnd;
      while (nameStart > i && !isBlank(xml.charCodeAt(nameStart - 1))) nameStart--;
      let q = eq + 1;
      while (isBlank(xml.charCodeAt(q))) q++;
      const end = xml.indexOf(xml[q] === "'" ? "'" : '"', q + 1);
      if (end === -1 || end > to) throw new DamagedSheetError('a cell tag with an unterminated attribute');
      if (nameEnd - nameStart === 1) {
        const name = xml.charCodeAt(nameStart);
        if (name === 114) this.col = columnOf(xml, q + 1, end); // r
        else if (name === 115) this.style = parseInt(xml.slice(q + 1, end), 10) || 0; // s
        else if (name === 116) this.type = xml.slice(q + 1, end); // t
      }
      i = end + 1;
    }
  }

  /** A cell's value as exceljs' reader gives it, made plain. */
  private value(type: string | null, style: number, inner: string): RawCell {
    if (inner === '') return null;
    // The two shapes this exporter writes, a number and an inline string, without searching.
    if ((type === null || type === 'n') && inner.startsWith('<v>') && inner.indexOf('<', 3) === inner.length - 4) return this.number(inner.slice(3, -4), style);
    if (type === 'inlineStr') return own(inlineText(inner));
    const v = element(inner, 'v');
    if (hasElement(inner, 'f')) {
      // A formula: its cached result, if the file has one.
      if (v === null) return null;
      if (type === 'str') return own(contentText(v));
      if (type === 'b') return Number(v) !== 0;
      if (type === 'e') return errorText(v);
      const n = parseFloat(v);
      return Number.isFinite(n) ? n : null;
    }
    switch (type) {
      case 's':
        return v === null ? null : this.sharedString(parseInt(v, 10));
      case 'str':
        return v === null ? null : own(contentText(v));
      case 'e':
        return v === null ? null : errorText(v);
      case 'b':
        return v === null ? null : parseInt(v, 10) !== 0;
      case 'd': {
        // An ISO 8601 date-time (no zone: a wall-clock reading, like every date cell here).
        const at = v === null ? NaN : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`);
        return Number.isFinite(at) ? new Date(at) : null;
      }
      default:
        return v === null ? null : this.number(v, style);
    }
  }

  /** A number, or a date when its style has a date format. */
  private number(v: string, style: number): RawCell {
    const n = parseFloat(v);
    if (!Number.isFinite(n)) return null;
    return this.isDateStyle(style) ? new Date(Math.round((n - EXCEL_EPOCH_DAYS + (this.book.date1904 ? 1462 : 0)) * DAY_MS)) : n;
  }

  /** Each shared string made plain and copied once, however many cells use it. */
  private sharedString(index: number): string | null {
    let text = this.shared[index];
    if (text === undefined) {
      const entry = this.book.sharedStrings?.[index];
      if (entry === undefined || entry === null) return null;
      text = this.shared[index] = own(typeof entry === 'string' ? entry : entry.richText.map((r) => r.text ?? '').join(''));
    }
    return text;
  }

  /** exceljs' rule (utils.isDateFmt): date or time letters outside quotes and brackets; style 0 never. */
  private isDateStyle(style: number): boolean {
    if (style === 0) return false;
    let date = this.dateStyles.get(style);
    if (date === undefined) {
      const fmt = this.book.numFmtOf(style);
      date = !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
      this.dateStyles.set(style, date);
    }
    return date;
  }
}

const errorText = (v: string) => `#${contentText(v).replace(/^#/, '')}`;

function hasElement(inner: string, name: string): boolean {
  for (let at = inner.indexOf(`<${name}`); at !== -1; at = inner.indexOf(`<${name}`, at + 1)) if (isTag(inner, at, name)) return true;
  return false;
}

/** The raw content of the first `<name>` element, or null (also for an empty `<name/>`). */
function element(inner: string, name: string): string | null {
  for (let at = inner.indexOf(`<${name}`); at !== -1; at = inner.indexOf(`<${name}`, at + 1)) {
    if (!isTag(inner, at, name)) continue;
    const tagEnd = inner.indexOf('>', at);
    if (inner.charCodeAt(tagEnd - 1) === SLASH) return '';
    const close = inner.indexOf(`</${name}>`, tagEnd);
    if (close === -1) throw new DamagedSheetError(`a <${name}> without its end tag`);
    return inner.slice(tagEnd + 1, close);
  }
  return null;
}

/** An inline string: the text of its `<t>` elements (one, or one per rich-text run), phonetic guides left out. */
function inlineText(inner: string): string {
  // One plain <t>, as this exporter writes it.
  if (inner.startsWith('<is><t') && (inner[6] === '>' || inner[6] === ' ') && inner.endsWith('</t></is>')) {
    const start = inner.indexOf('>', 6) + 1;
    if (inner.indexOf('<', start) === inner.length - 9) return contentText(inner.slice(start, -9));
  }
  let text = '';
  let from = 0;
  for (;;) {
    const at = inner.indexOf('<t', from);
    if (at === -1) return text;
    const tagEnd = inner.indexOf('>', at);
    if (!isTag(inner, at, 't')) {
      from = at + 2;
      continue;
    }
    if (inner.charCodeAt(tagEnd - 1) === SLASH) {
      from = tagEnd + 1;
      continue;
    }
    const close = inner.indexOf('</t>', tagEnd);
    if (close === -1) throw new DamagedSheetError('a <t> without its end tag');
    const phonetic = inner.lastIndexOf('<rPh', at);
    if (phonetic === -1 || inner.lastIndexOf('</rPh>', at) > phonetic) text += contentText(inner.slice(tagEnd + 1, close));
    from = close + 4;
  }
}
