import type { ColumnMapping } from '../../../shared/api/archive';
import type { Policy } from '../../../shared/policy/schema';
import { headerKey, type RowKey } from '../columns';
import type { RawCell } from '../importRead';
import type { CallColumns, RowIssue } from '../importRow';
import { textOf } from '../importValues';
import type { FinishStep, LayoutRow, RecordsHeader, SeedLayout } from './types';

/**
 * The keys a header is looked up by: headerKey, and again without a trailing bracket note.
 * @example headerKeys('负责人(*)') // ['负责人(*)', '负责人']
 */
export function headerKeys(header: string): string[] {
  const bare = header.replace(/[(（][^()（）]*[)）]\s*$/, '');
  return bare === header ? [headerKey(header)] : [headerKey(header), headerKey(bare)];
}

/**
 * A seed layout's reading of a header row, or null when the row is not its
 * header (its identifying columns are not all there).
 * @example seedHeader(TRACKING, ['客户类型', '问题类型', '问题编号', '提交时间', …])?.layout === 'tracking'
 */
export function seedHeader(layout: SeedLayout, headerCells: readonly RawCell[]): RecordsHeader | null {
  const byHeader = new Map<string, string>();
  for (const [id, column] of Object.entries(layout.columns)) for (const h of column.headers) byHeader.set(headerKey(h), id);
  const found = new Map<string, { index: number; header: string }>();
  const columns: ColumnMapping[] = [];
  const unknown: string[] = [];
  headerCells.forEach((cell, index) => {
    const header = textOf(cell);
    if (header === null) return;
    const id = headerKeys(header).map((k) => byHeader.get(k)).find((k) => k !== undefined);
    if (id === undefined || found.has(id)) {
      unknown.push(header);
      columns.push({ column: header, index, use: 'notRead', fields: [], checked: false });
      return;
    }
    found.set(id, { index, header });
    const def = layout.columns[id]!;
    columns.push({ column: header, index, use: def.fields.length > 0 ? 'read' : 'checked', fields: [...def.fields], checked: def.checked === true });
  });
  if (!layout.identifiedBy.every((id) => found.has(id))) return null;
  const produced = new Set<RowKey>();

  const read = (cells: readonly RawCell[]): LayoutRow => {
    const values = new Map<RowKey, RawCell>();
    const headers = new Map<RowKey, string>();
    const problems: RowIssue[] = [];
    const notes: RowIssue[] = [];
    const finishing: Array<{ header: string; step: FinishStep }> = [];
    for (const [id, { index, header }] of found) {
      const raw = cells[index] ?? null;
      layout.columns[id]!.read(textOf(raw) === null ? null : raw, {
        set: (key, value) => {
          values.set(key, value);
          headers.set(key, header);
          produced.add(key);
        },
        note: (code, params = {}) => notes.push({ column: header, code, params }),
        fail: (code, params = {}) => problems.push({ column: header, code, params }),
        finish: (step) => finishing.push({ header, step }),
      });
    }
    return {
      cells: {
        get: (key) => (values.has(key) ? values.get(key)! : undefined),
        has: (key) => values.has(key),
        header: (key) => headers.get(key) ?? key,
        ...(finishing.length > 0 ? { finish: (call: CallColumns, policy: Policy) => finishing.flatMap(({ header, step }) => step(call, policy).map((n) => ({ column: header, ...n }))) } : {}),
      },
      problems,
      notes,
    };
  };
  // Which keys the file fills: a dry read of an empty row (every reader sets its keys even for a blank cell).
  read([]);
  return {
    kind: 'records',
    layout: layout.id,
    columns,
    unknown,
    has: (key) => produced.has(key),
    numberColumn: found.get(layout.numberColumn)?.header ?? '',
    read,
  };
}
