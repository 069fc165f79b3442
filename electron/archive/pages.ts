import type { Kysely } from 'kysely';
import { policySchema, type Policy } from '../../shared/policy/schema';
import { callsPageAfter, countFiltered, reasonsOfCalls, stepOwnersPageAfter, stepsOfCalls, transfersOfCalls, type PageKey, type StepOwnerRow } from '../store/exportPages';
import { listPolicyVersions } from '../store/policies';
import type { ReviewFilter } from '../store/review';
import type { CallRow, Database, MissReasonRow, StepRow, TransferRow } from '../store/schema';

/** One call with everything the archive writes about it. */
export interface RecordBundle {
  row: CallRow;
  transfers: TransferRow[];
  steps: StepRow[];
  reasons: MissReasonRow[];
}

/**
 * Records per page: memory stays flat whatever the range, and a page is a few
 * milliseconds of SQL. A page's rows stay alive while it is rendered, so every
 * young-generation collection in between copies them: at 1,000 a page that was
 * 15% of a 100,000-record export's time, at 250 a quarter of that.
 */
export const PAGE_SIZE = 250;

/** What the steps sheet needs of a call, besides the paging keys. */
export interface StepOwner extends StepOwnerRow {
  steps: StepRow[];
}

export async function countRecords(db: Kysely<Database>, filter: ReviewFilter, now: number): Promise<number> {
  return countFiltered(db, filter, now);
}

/** The filtered calls in sheet order (local date, call time, id), a page at a time, each page starting after the last. */
async function* callPages<T extends PageKey>(page: (after: PageKey | undefined) => Promise<T[]>, pageSize: number): AsyncGenerator<T[]> {
  let after: T | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

/** Whole records (call, transfers, steps, miss reasons) a page at a time, for the records sheet. */
export async function* recordPages(db: Kysely<Database>, filter: ReviewFilter, now: number, pageSize = PAGE_SIZE): AsyncGenerator<RecordBundle[]> {
  for await (const rows of callPages((after) => callsPageAfter(db, filter, now, after, pageSize), pageSize)) {
    const ids = rows.map((r) => r.id);
    const [transfers, steps, reasons] = await Promise.all([transfersOfCalls(db, ids), stepsOfCalls(db, ids), reasonsOfCalls(db, ids)]);
    const byCall = new Map<number, RecordBundle>(rows.map((row) => [row.id, { row, transfers: [], steps: [], reasons: [] }]));
    for (const t of transfers) byCall.get(t.call_id)!.transfers.push(t);
    for (const s of steps) byCall.get(s.call_id)!.steps.push(s);
    for (const r of reasons) byCall.get(r.call_id)!.reasons.push(r);
    yield rows.map((row) => byCall.get(row.id)!);
  }
}

/** The same calls with only their steps, for the steps sheet's pass. */
export async function* stepPages(db: Kysely<Database>, filter: ReviewFilter, now: number, pageSize = PAGE_SIZE): AsyncGenerator<StepOwner[]> {
  for await (const rows of callPages((after) => stepOwnersPageAfter(db, filter, now, after, pageSize), pageSize)) {
    const owners: StepOwner[] = rows.map((row) => ({ ...row, steps: [] }));
    const byCall = new Map(owners.map((o) => [o.id, o]));
    for (const s of await stepsOfCalls(db, [...byCall.keys()])) byCall.get(s.call_id)!.steps.push(s);
    yield owners;
  }
}

/** Every policy version, parsed once, by id: each record is labelled with its own version's priority names. */
export async function loadPolicies(db: Kysely<Database>): Promise<Map<number, Policy>> {
  const rows = await listPolicyVersions(db);
  return new Map(rows.map((r) => [r.id, policySchema.parse(JSON.parse(r.json))]));
}
