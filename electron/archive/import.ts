import type { Kysely } from 'kysely';
import { defaultPolicy } from '../../shared/policy/defaults';
import { policySchema } from '../../shared/policy/schema';
import { findDesk } from '../store/desk';
import type { Database } from '../store/schema';
import { HEADER_SEARCH_ROWS, headerOf, type RecordsHeader } from './importHeader';
import { openTable, type RawCell } from './importRead';
import { parseRecordRow, type ParsedCall, type PolicyVersionRef, type RowCells, type RowContext } from './importRow';
import { cellSteps, StepSheet } from './importSteps';
import { isBlankRow, textOf } from './importValues';
import { writeImport, type PolicyPlan, type ReadyCall } from './importWrite';
import { ArchiveFileError, type ImportOptions, type ImportReport } from './types';

/**
 * Reads an archive back: this exporter's .xlsx or .csv (Chinese or English
 * headers) or a sheet laid out like the paper record sheet (seed 003). Every
 * row is checked first; when any has a problem nothing is imported and the
 * report names each row, column and reason. Otherwise all new records go in
 * one transaction; records already present (same desk code and record number)
 * are left alone, so importing a file twice changes nothing the second time.
 * @example const report = await importArchive(db, { file: 'may.xlsx', actor: '张主管', now: Date.now() })
 */
export async function importArchive(db: Kysely<Database>, options: ImportOptions): Promise<ImportReport> {
  const opened = openTable(options.file);
  const desk = await findDesk(db);
  const policies = await PolicyVersions.load(db, options.actor);
  const report: ImportReport = { file: options.file, format: opened.format, layout: 'paper', rows: 0, imported: 0, skipped: 0, steps: 0, errors: [], ignoredColumns: [] };
  const problem = (sheet: string | undefined, row: number, column: string, reason: string) => report.errors.push({ ...(sheet === undefined ? {} : { sheet }), row, column, reason });

  const calls: ParsedCall[] = [];
  const byKey = new Map<string, ParsedCall>();
  /** Record numbers of every records row, good or bad: a step of a bad row is not reported again. */
  const rowNumbers = new Set<string>();
  let recordSheets = 0;
  const ctx: RowContext = {
    layout: 'paper',
    deskCode: options.deskCode?.trim().toUpperCase() || undefined,
    zone: options.timeZone ?? desk?.time_zone,
    actor: options.actor,
    now: options.now,
    policyAt: (at, zone) => policies.at(at, zone),
  };
  const stepSheet = new StepSheet(byKey, rowNumbers, ctx, problem);

  for await (const sheet of opened.sheets) {
    let header: ReturnType<typeof headerOf> = null;
    let seen = 0;
    for await (const raw of sheet.rows) {
      if (isBlankRow(raw.cells)) continue;
      if (!header) {
        header = headerOf(raw.cells);
        if (!header && ++seen >= HEADER_SEARCH_ROWS) break;
        if (header?.kind === 'records') {
          recordSheets++;
          const archive = header.index.has('closedAt') || header.index.has('timeZone');
          if (archive) report.layout = ctx.layout = 'archive';
        }
        if (header) report.ignoredColumns.push(...header.unknown.filter((h) => !report.ignoredColumns.includes(h)));
        if (header?.kind === 'steps') stepSheet.seen = true;
        continue;
      }
      if (header.kind === 'steps') {
        stepSheet.add(sheet.name, header, raw);
        continue;
      }
      report.rows++;
      const typedNo = textOf(raw.cells[header.index.get('recordNo')!]);
      if (typedNo !== null) rowNumbers.add(typedNo);
      const { call, problems } = parseRecordRow(cellsOf(header, raw.cells), ctx, raw.row);
      for (const p of problems) problem(sheet.name, raw.row, p.column, p.reason);
      if (!call) continue;
      const key = `${call.call.desk_code}\u0000${call.call.record_no}`;
      const earlier = byKey.get(key);
      if (earlier) {
        problem(sheet.name, raw.row, header.text.get('recordNo') ?? '', `${call.call.record_no} of desk ${call.call.desk_code} appears twice (also row ${earlier.row})`);
        continue;
      }
      byKey.set(key, call);
      calls.push(call);
    }
  }
  if (recordSheets === 0) {
    throw new ArchiveFileError(`${options.file} has no sheet with the record sheet's columns (a header row with 记录编号 and 来电时间, or Record no. and Call time). Nothing was imported.`);
  }

  const steps = stepSheet.seen ? stepSheet.finish() : null;
  if (report.errors.length > 0) return report;
  const ready: ReadyCall[] = calls.map((parsed) => ({ parsed, steps: steps ? (steps.get(parsed) ?? []) : cellSteps(parsed) }));
  const written = await writeImport(db, ready, policies.plan(), { actor: options.actor, now: options.now });
  return { ...report, ...written };
}

/** A row's cells by column key, and the headers to name in a problem. */
function cellsOf(header: RecordsHeader, cells: RawCell[]): RowCells {
  return {
    get: (key) => {
      const i = header.index.get(key);
      return i === undefined ? undefined : (cells[i] ?? null);
    },
    has: (key) => header.index.has(key),
    header: (key) => header.text.get(key) ?? key,
  };
}

/**
 * The policy versions rows are judged by, each row by the one in force when
 * its call came in (policyInForceAt's rule, store/policies.ts, in memory). A
 * database with no policy at all gets the defaults, in the first row's zone,
 * created with the import.
 */
class PolicyVersions {
  private create: PolicyPlan['create'];

  constructor(
    private readonly versions: Array<PolicyVersionRef & { effectiveFrom: number }>,
    private readonly actor: string,
  ) {}

  static async load(db: Kysely<Database>, actor: string): Promise<PolicyVersions> {
    const rows = await db.selectFrom('policies').select(['id', 'effective_from', 'json']).orderBy('effective_from').orderBy('id').execute();
    return new PolicyVersions(rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, policy: policySchema.parse(JSON.parse(r.json)) })), actor);
  }

  at(at: number, zone: string): PolicyVersionRef {
    if (this.versions.length === 0) {
      const json = JSON.stringify(defaultPolicy(zone));
      this.create = { placeholderId: -1, json, createdBy: this.actor };
      this.versions.push({ id: -1, effectiveFrom: 0, policy: policySchema.parse(JSON.parse(json)) });
    }
    let found: PolicyVersionRef | undefined;
    for (const v of this.versions) if (v.effectiveFrom <= at) found = v;
    return found ?? this.versions.reduce((a, b) => (b.id < a.id ? b : a));
  }

  plan(): PolicyPlan {
    return { versions: this.versions, ...(this.create ? { create: this.create } : {}) };
  }
}
