import type { Kysely } from 'kysely';
import { IMPORT_PREVIEW_ROWS, type ImportReasonCode, type ImportReasonParams, type ImportRowStatus } from '../../shared/api/archive';
import { MAX_TEXT } from '../../shared/domain/fields';
import { hasLongDigitRun, maskDigitRuns } from '../../shared/domain/privacy';
import { importReasonText } from '../../shared/i18n/importReasons';
import { findDesk } from '../store/desk';
import { rawConnectionOf } from '../store/openDb';
import type { Database } from '../store/schema';
import { derivedNotes, judge, type Judged } from './importDerived';
import { HEADER_SEARCH_ROWS, headerOf, type RecordsHeader } from './importHeader';
import { PolicyVersions } from './importPolicies';
import { previewRow, previewTime } from './importPreview';
import { closestLayout } from './importClosest';
import { openTable, type RawCell } from './importRead';
import { untrackedTargets } from './importTracked';
import { parseRecordRow, type ParsedCall, type RowContext, type RowIssue } from './importRow';
import { cellSteps, StepSheet } from './importSteps';
import { isBlankRow, textOf } from './importValues';
import { withImportLock } from './importLock';
import { planImport, writeImport, type Clash, type ReadyCall } from './importWrite';
import { ArchiveFileError, type ImportOptions, type ImportReport } from './types';
import { knownZone } from './wallClock';

const DESK_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,11}$/;

/** Rows read between two progress reports (and chances to cancel). */
const PROGRESS_ROWS = 500;

/**
 * Reports the rows read and honours a cancel. With a signal, it also lets the
 * event loop turn: a CSV's rows come from memory, so without it a cancel sent
 * to the worker would wait in its queue until the whole file was read.
 */
async function tick(options: ImportOptions, rowsRead: number, total = 0): Promise<void> {
  if (options.signal) await new Promise<void>((resolve) => setImmediate(resolve));
  options.signal?.throwIfAborted();
  options.onProgress?.(rowsRead, total);
}

/**
 * Reads an archive back: this exporter's .xlsx or .csv (Chinese or English
 * headers), seed 003's hotline record sheet, seed 000's tracking sheet or seed
 * 004's response record sheet, each recognised by its header row. Every row is
 * checked first; when any has a problem nothing is imported and the report
 * names each row, column and reason (a problem of the whole file once). Otherwise
 * all new records go in as one staged batch that nobody sees until it is
 * published whole (importWrite.ts); records already present (same desk and
 * record number or source reference) are left alone, so importing a file twice
 * changes nothing the second time. `dryRun` checks everything and writes nothing.
 * @example const report = await importArchive(db, { file: 'may.xlsx', actor: '张主管', now: Date.now(), dryRun: true })
 */
export async function importArchive(db: Kysely<Database>, options: ImportOptions): Promise<ImportReport> {
  const opened = openTable(options.file);
  const desk = await findDesk(db);
  const policies = await PolicyVersions.load(db, options.actor);
  const dryRun = options.dryRun === true;
  const report: ImportReport = {
    file: options.file,
    format: opened.format,
    ...(opened.encoding ? { encoding: opened.encoding } : {}),
    layout: 'paper',
    dryRun,
    zone: options.timeZone ?? desk?.time_zone ?? null,
    zoneSource: options.timeZone !== undefined ? 'option' : desk ? 'desk' : null,
    deskZone: desk?.time_zone ?? null,
    deskCode: options.deskCode?.trim().toUpperCase() || null,
    rows: 0,
    imported: 0,
    toImport: 0,
    skipped: 0,
    steps: 0,
    errors: [],
    notes: [],
    inferred: [],
    ignoredColumns: [],
    columns: [],
    preview: [],
  };
  const item = (sheet: string | undefined, row: number, column: string, code: ImportReasonCode, typed: ImportReasonParams = {}) => {
    // A report quotes what the file holds; a phone number typed into the wrong column is quoted masked (SPEC Privacy).
    const params = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, typeof v === 'string' && k !== 'ref' && k !== 'otherRef' ? maskDigitRuns(v) : v]));
    return { ...(sheet === undefined ? {} : { sheet }), row, column, code, params, reason: importReasonText('en', { code, params }) };
  };
  const problem = (sheet: string | undefined, row: number, column: string, code: ImportReasonCode, params?: ImportReasonParams) => report.errors.push(item(sheet, row, column, code, params));
  const note = (sheet: string | undefined, row: number, column: string, code: ImportReasonCode, params?: ImportReasonParams) => report.notes.push(item(sheet, row, column, code, params));
  /** A problem of the whole file: said once, however many rows it stops. */
  const fileWide = new Set<string>();
  const fileProblem = (code: ImportReasonCode, params: ImportReasonParams = {}) => {
    if (!fileWide.has(code)) problem(undefined, 0, '', code, params);
    fileWide.add(code);
  };

  // The --desk and --zone given apply to every row: a bad one is the file's problem, said once.
  let deskCode = report.deskCode ?? undefined;
  if (deskCode !== undefined && (hasLongDigitRun(deskCode) || !DESK_CODE.test(deskCode))) {
    fileProblem(hasLongDigitRun(deskCode) ? 'desk_code_is_phone' : 'bad_desk_code', hasLongDigitRun(deskCode) ? {} : { value: deskCode });
    deskCode = undefined;
  }
  let zone = report.zone ?? undefined;
  if (zone !== undefined && !knownZone(zone)) {
    fileProblem('bad_zone', { value: zone });
    zone = undefined;
  }

  const calls: ParsedCall[] = [];
  const judged = new Map<ParsedCall, Judged>();
  const byKey = new Map<string, ParsedCall>();
  const byRef = new Map<string, ParsedCall>();
  /** The header of each row's record-number column, to name it in a clash. */
  const numberColumn = new Map<ParsedCall, string>();
  /** Record numbers of every records row, good or bad: a step of a bad row is not reported again. */
  const rowNumbers = new Set<string>();
  let recordSheets = 0;
  /** Rows looked at for a header without matching one: a file with none is told which layout it comes closest to. */
  const candidates: Array<readonly RawCell[]> = [];
  /** Notes that would say the same on every row (seed 000's priorities from thresholds): counted, said once. */
  const counted = new Map<ImportReasonCode, { column: string; count: number; met: Map<string, { zh: string; en: string }> }>();
  const countOnce = (n: RowIssue): boolean => {
    if (n.code !== 'priority_from_threshold') return false;
    const seen = counted.get(n.code) ?? { column: n.column, count: 0, met: new Map() };
    // Each threshold met once, with the level it gave ("15分钟 → 紧急"), in the order the file has them.
    const threshold = String(n.params.threshold);
    seen.met.set(threshold, { zh: `${threshold} → ${String(n.params.levelZh)}`, en: `${threshold} → ${String(n.params.levelEn)}` });
    counted.set(n.code, { ...seen, count: seen.count + 1 });
    return true;
  };
  const ctx: RowContext = { layout: 'paper', deskCode, zone, actor: options.actor, now: options.now, untracked: [], policyAt: (at, z) => policies.at(at, z) };
  const stepSheet = new StepSheet(byKey, rowNumbers, ctx, problem);

  for await (const sheet of opened.sheets) {
    let header: ReturnType<typeof headerOf> = null;
    let seen = 0;
    for await (const raw of sheet.rows) {
      if (isBlankRow(raw.cells)) continue;
      if (!header) {
        header = headerOf(raw.cells);
        if (!header && candidates.length < HEADER_SEARCH_ROWS) candidates.push(raw.cells);
        if (!header && ++seen >= HEADER_SEARCH_ROWS) break;
        if (header?.kind === 'records') {
          if (recordSheets++ === 0) startRecords(header);
          ctx.layout = header.layout;
          ctx.untracked = untrackedTargets(header);
        }
        if (header) report.ignoredColumns.push(...header.unknown.filter((h) => !report.ignoredColumns.includes(h)));
        if (header?.kind === 'steps') stepSheet.seen = true;
        continue;
      }
      if (header.kind === 'steps') {
        stepSheet.add(sheet.name, header, raw);
        continue;
      }
      if (++report.rows % PROGRESS_ROWS === 0) await tick(options, report.rows);
      const layoutRow = header.read(raw.cells);
      const typedNo = textOf(layoutRow.cells.get(header.layout === 'archive' || header.layout === 'paper' ? 'recordNo' : 'sourceRef'));
      if (typedNo !== null) rowNumbers.add(typedNo);
      const { call, problems, notes } = parseRecordRow(layoutRow.cells, ctx, raw.row);
      const issues = (list: RowIssue[], add: typeof problem) => list.forEach((p) => add(sheet.name, raw.row, p.column, p.code, p.params));
      issues([...layoutRow.problems, ...problems], problem);
      issues([...layoutRow.notes, ...notes].filter((n) => !countOnce(n)), note);
      if (!call) continue;
      call.sheet = sheet.name;
      const key = `${call.call.desk_code}\u0000${call.call.record_no || `ref:${call.call.source_ref}`}`;
      // A source reference is one record's per desk, also in a file that numbers its rows CS….
      const refKey = call.call.source_ref === null ? null : `${call.call.desk_code}\u0000ref:${call.call.source_ref}`;
      const earlier = byKey.get(key) ?? (refKey === null ? undefined : byRef.get(refKey));
      if (earlier) {
        const byNumber = byKey.has(key);
        problem(sheet.name, raw.row, byNumber ? header.numberColumn : layoutRow.cells.header('sourceRef'), 'duplicate_in_file', {
          ref: byNumber ? call.call.record_no || call.call.source_ref || '' : call.call.source_ref!,
          deskCode: call.call.desk_code,
          otherRow: earlier.row,
        });
        continue;
      }
      byKey.set(key, call);
      if (refKey !== null) byRef.set(refKey, call);
      calls.push(call);
      numberColumn.set(call, header.numberColumn);
      const verdicts = judge(call, policies.policyOf(call.call.policy_id!), options.now);
      judged.set(call, verdicts);
      issues(derivedNotes(layoutRow.cells, call, verdicts), note);
      issues(placeReasonText(call, verdicts, layoutRow.cells.header('missReasonText')), note);
      if (call.inferred.length > 0) report.inferred.push({ ...(sheet.name === undefined ? {} : { sheet: sheet.name }), row: raw.row, moments: [...call.inferred] });
    }
  }
  for (const [code, { column, count, met }] of counted) {
    const list = (lang: 'zh' | 'en') => [...met.values()].map((m) => m[lang]).join(lang === 'zh' ? '；' : '; ');
    note(undefined, 0, column, code, { column, count, thresholdsZh: list('zh'), thresholdsEn: list('en') });
  }
  if (recordSheets === 0) {
    const closest = closestLayout(candidates);
    const code = closest ? 'no_header_closest' : 'no_header';
    const params: ImportReasonParams = closest ? { layout: closest.layout, missing: closest.missing.join(', ') } : {};
    throw new ArchiveFileError(`${options.file}: ${importReasonText('en', { code, params })}. Nothing was imported.`, code, params);
  }

  // The policy each previewed row is judged by, taken before the write turns a placeholder id into the created one.
  const previewed = calls.slice(0, IMPORT_PREVIEW_ROWS).map((c) => ({ c, levels: policies.policyOf(c.call.policy_id!).priorities }));
  const steps = stepSheet.seen ? stepSheet.finish() : null;
  const ready: ReadyCall[] = calls.map((parsed) => ({ parsed, steps: steps ? (steps.get(parsed) ?? []) : cellSteps(parsed) }));
  // Every row read: a `total` says so (the records to write, at most the rows read), and from here the import writes.
  // (A dry run writes nothing: it goes on saying the rows read.)
  if (dryRun) await tick(options, report.rows);
  else await tick(options, 0, report.rows);
  const status = new Map<ParsedCall, ImportRowStatus>();
  // A dry run plans also a file with problems, so that it says how many rows are already here, as the import would.
  if (dryRun) {
    const planned = await planImport(db, ready);
    calls.forEach((c) => status.set(c, 'present'));
    planned.fresh.forEach(({ parsed }) => status.set(parsed, 'new'));
    reportClashes(planned.clashes);
    Object.assign(report, { toImport: report.errors.length === 0 ? planned.fresh.length : 0, skipped: planned.skipped });
  } else if (report.errors.length === 0) {
    const write = () =>
      writeImport(db, ready, policies.plan(), { actor: options.actor, now: options.now, file: options.file }, { ...(options.signal ? { signal: options.signal } : {}), onProgress: (done, total) => options.onProgress?.(done, total) });
    // An in-memory database (a test's) has no file for other processes to share.
    const file = rawConnectionOf(db).name;
    const { clashes, ...written } = file === ':memory:' || file === '' ? await write() : await withImportLock(file, write);
    reportClashes(clashes);
    Object.assign(report, written);
  }
  report.preview = previewed.map(({ c, levels }) => previewRow(c, judged.get(c)!, { version: policies.versionOf(c.call.policy_id!), levels }, status.get(c) ?? 'unplanned', desk?.time_zone ?? null));
  return report;

  /** Rows whose own record number the desk gave another record: refused, each naming that record. */
  function reportClashes(clashes: Clash[]): void {
    for (const { parsed, other } of clashes) {
      status.set(parsed, 'clash');
      const at = (ms: number, zone: string) => previewTime(ms, zone);
      problem(parsed.sheet, parsed.row, numberColumn.get(parsed) ?? '', other.source_ref === null ? 'record_no_taken' : 'record_no_taken_by_ref', {
        ref: parsed.call.record_no,
        deskCode: parsed.call.desk_code,
        otherAt: at(other.call_at, other.time_zone),
        callAt: at(parsed.call.call_at, parsed.call.time_zone),
        ...(other.source_ref === null ? {} : { otherRef: other.source_ref }),
      });
    }
  }

  /** The first records sheet names the layout, its columns, and what the file lacks as a whole. */
  function startRecords(header: RecordsHeader): void {
    report.layout = header.layout;
    report.columns = header.columns;
    if (!header.has('deskCode') && deskCode === undefined && report.deskCode === null) fileProblem('no_desk_code');
    if (header.has('timeZone')) Object.assign(report, { zone: null, zoneSource: 'file' });
    else if (zone === undefined && report.zone === null) fileProblem('no_zone');
    else if (zone !== undefined && desk && options.timeZone !== undefined && zone !== desk.time_zone) note(undefined, 0, '', 'zone_not_desk', { zone, deskZone: desk.time_zone });
    // A fresh database has no desk zone to compare with: the zone given is still named, to be checked.
    else if (zone !== undefined && !desk) note(undefined, 0, '', 'zone_no_desk', { zone });
    const untracked = untrackedTargets(header);
    if (untracked.length > 0) note(undefined, 0, '', 'targets_not_tracked', { targets: untracked.join(',') });
    const named = (use: 'checked' | 'notRead') => header.columns.filter((c) => c.use === use).map((c) => c.column);
    if (named('notRead').length > 0) note(undefined, 0, '', 'columns_not_read', { columns: named('notRead').join(', ') });
    if (named('checked').length > 0) note(undefined, 0, '', 'columns_checked', { columns: named('checked').join(', ') });
  }
}

/**
 * A miss reason that names no target (seed 000's 备注(未达标原因) as free text)
 * goes to the targets the record missed, as "other" with that text, so that a
 * day with those misses can be signed off; a record that missed none keeps it
 * as its remarks, with a note.
 */
function placeReasonText(parsed: ParsedCall, verdicts: Judged, column: string): RowIssue[] {
  const text = parsed.reasonText;
  if (text === null) return [];
  const missed = [verdicts.responseMet === 'notMet' ? 'response' : null, verdicts.resolutionMet === 'notMet' ? 'resolution' : null].filter((k): k is string => k !== null);
  for (const kind of missed) if (!parsed.reasons.some((r) => r.kind === kind)) parsed.reasons.push({ kind, idx: 0, code: 'other', text });
  if (missed.length > 0) return [];
  parsed.call.remarks = [parsed.call.remarks, text].filter((t) => t !== null).join('\n').slice(0, MAX_TEXT);
  return [{ column, code: 'miss_reason_text', params: { value: text.length > 40 ? `${text.slice(0, 40)}…` : text } }];
}
