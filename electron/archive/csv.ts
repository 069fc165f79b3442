import { isUtf8 } from 'node:buffer';

/**
 * Reading CSV as Excel writes it: UTF-8 with or without a BOM, or, from Excel
 * on Chinese Windows ("CSV" without "UTF-8"), the ANSI code page GBK. GB18030
 * is a superset of GBK, and Node's TextDecoder (full ICU) decodes it, so no
 * extra package is needed.
 */

export type CsvEncoding = 'utf-8' | 'gb18030';

/** The text of a CSV file: UTF-8 when it has a BOM or is valid UTF-8, else GB18030 (GBK). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}

/**
 * RFC 4180 records: fields split by commas, quoted fields may hold commas,
 * quotes (doubled) and line breaks; records end with CRLF or LF. Yields each
 * record's fields with the row number a spreadsheet would show (1-based).
 * @example [...parseCsv('a,"b ""c"""\r\n1,2')].map((r) => r.fields) // [['a', 'b "c"'], ['1', '2']]
 */
export function* parseCsv(text: string): Generator<{ row: number; fields: string[] }> {
  let row = 0;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy the run up to the next quote in one go: long quoted fields are the common case.
      const next = text.indexOf('"', i);
      const end = next === -1 ? n : next;
      field += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      fields.push(field);
      yield { row: ++row, fields };
      fields = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Plain run up to the next delimiter.
      let end = i + 1;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 13 || c === 10 || c === 34) break;
        end++;
      }
      field += text.slice(i, end);
      i = end;
    }
  }
  if (field !== '' || fields.length > 0 || quoted) {
    fields.push(field);
    yield { row: ++row, fields };
  }
}
