import { xlsxText, type CellValue } from './cells';
import type { ArchiveLang } from './types';

/**
 * One worksheet row as SpreadsheetML, for the streaming writer's sheet. exceljs
 * builds a cell model, a style lookup and an XML tree per cell, which was two
 * thirds of a 100,000-record export; the rows of a table are all alike, so they
 * are rendered here, straight to text. Only three kinds of cell exist: a literal
 * string (inlineStr: never a formula, whatever it starts with), a number, and a
 * date-time (a number with the column's date format). There is no <f> element.
 */

const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

/** 1 → 'A', 27 → 'AA'. */
export function columnLetters(n: number): string {
  let name = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}

/** Text content escaped for XML (the XML-forbidden characters are already gone, see xlsxText). */
export function escapeXml(text: string): string {
  return /[&<>\r]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;') : text;
}

/** A wall-clock Date (UTC fields = local time) as an Excel serial day number, as exceljs writes it. */
export function excelSerial(d: Date): number {
  return EXCEL_EPOCH_DAYS + d.getTime() / DAY_MS;
}

/** Renders rows of one table: a cell reference per column and the style id of each column's format. */
export class RowRenderer {
  private readonly letters: string[];

  constructor(
    private readonly styleIds: readonly number[],
    private readonly lang: ArchiveLang,
  ) {
    this.letters = styleIds.map((_, i) => columnLetters(i + 1));
  }

  row(rowNumber: number, values: readonly CellValue[]): string {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const s = this.styleIds[i] ?? 0;
      const head = `<c r="${this.letters[i]}${rowNumber}"${s === 0 ? '' : ` s="${s}"`}`;
      if (typeof v === 'string') {
        const text = xlsxText(v, this.lang);
        // Excel drops leading and trailing blanks, and may fold line breaks, unless told to keep them.
        const keep = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
        xml += `${head} t="inlineStr"><is><t${keep}>${escapeXml(text)}</t></is></c>`;
      } else if (typeof v === 'number') {
        if (Number.isFinite(v)) xml += `${head}><v>${v}</v></c>`;
      } else {
        xml += `${head}><v>${excelSerial(v)}</v></c>`;
      }
    }
    return `${xml}</row>`;
  }
}
